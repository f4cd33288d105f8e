/**
 * What reading the survey sheet produces (./survey.ts): draft sections, items and groups, with the
 * expressions and texts to check once every name is known (./checks.ts).
 */
import type { Item, LocalizedText } from '../instrument/types';
import type { Where } from './problems';

export interface GroupFrame {
  kind: 'group' | 'repeat';
  name: string;
  label: LocalizedText;
  hint?: LocalizedText;
  relevant?: string;
  /** Appearance words as written ("field-list", "table-list", "likert", ...). */
  appearance: string[];
  row: number;
  /** 0 for a top-level group (a section), 1 for a group in it, ... */
  depth: number;
  /** Questions inside it, nested groups included. */
  items: number;
  // A repeat (kind 'repeat') ------------------------------------------------------------------
  /** The nearest repeat around it. */
  parentRepeat?: GroupFrame;
  /** repeat_count as written (a number or an expression). */
  count?: string;
  /** `begin loop over LIST`: the list. */
  loop?: { list: string; where: Where };
}

export interface SectionDraft {
  /** The top-level group, or undefined for a run of ungrouped items. */
  group?: GroupFrame;
  row: number;
  items: ItemDraft[];
}

export interface ItemDraft {
  item: Item;
  row: number;
  /** Enclosing groups, outermost first. */
  groups: GroupFrame[];
  /** `file`: select_one_from_file (./external.ts). */
  select?: { type: 'select_one' | 'select_multiple' | 'rank'; list: string; other: boolean; external: boolean; where: Where; file?: string };
  /** Appearance words as written, in lower case. */
  appearance: string[];
  scale: string;
  reverse: string;
  defaultValue?: { text: string; where: Where };
  /** The name in the sheet, when the item is stored under another (the same name in two groups). */
  sheetName?: string;
}

export interface ExpressionDraft {
  source: string;
  where: Where;
  kind: 'relevant' | 'constraint' | 'calculation' | 'choice_filter' | 'required' | 'read_only' | 'default';
  /** Relevance, calculations and defaults may not read their own item. */
  self?: string;
  /** choice_filter: the list it filters. */
  list?: string;
  /**
   * Not needed to run the form (instance_name): a problem leaves it out with a warning that starts
   * with this text, instead of refusing the form.
   */
  optional?: string;
}

export interface TextDraft {
  text: string;
  where: Where;
}

export interface SurveyDraft {
  sections: SectionDraft[];
  items: ItemDraft[];
  groups: GroupFrame[];
  expressions: ExpressionDraft[];
  texts: TextDraft[];
  /** Names of rows refused (unsupported types): references to them are not reported again. */
  refused: Set<string>;
  /** Names given to questions in more than one group, with their rows: a ${name} to them is ambiguous. */
  shared: Map<string, number[]>;
  /** Triggers as written, checked once every name is known: item -> the names it watches. */
  triggers: { item: Item; names: string[]; where: Where }[];
  /** csv-external / xml-external rows: files the form reads as instance('name') (./external.ts). */
  files: { file: string; where: Where }[];
  /** Version 3, label media: the files rows show with their labels (./label-media.ts). */
  media: { file: string; where: Where }[];
}
