/**
 * The referential rules of an instrument (docs/instrument-format.md, "Validation"): what the
 * structural schema cannot see because it needs the whole document. Runs only on an instrument that
 * passed ./schema.ts, so every field has its declared type here.
 *
 * Errors make the instrument unusable (a duplicate name, a `choices` that names no list, an
 * expression that does not parse or reads an unknown item). Warnings are kept with the instrument
 * for the researcher to see (a language used but not declared, a field its item type ignores).
 */
import type { Problem } from '../errors';
import { ALL_FUNCTIONS } from '../expr/all-functions';
import { attributeReferences, ExpressionError, parseExpression, references, type Expr } from '../expr/index';
import { at, formatPath, type PathSegment } from './problem-path';
import type { Instrument, Item, LocalizedText } from './types';

export interface CheckResult {
  errors: Problem[];
  warnings: Problem[];
}

/** Types over a choice list (`choices`). */
const SELECT_TYPES: ReadonlySet<string> = new Set(['select_one', 'select_multiple', 'rank']);
/** Types never shown, which need no label. */
const UNSHOWN_TYPES: ReadonlySet<string> = new Set(['calculate', 'hidden', 'meta']);

/** Version 3: the types that take the device's location. */
const LOCATION_TYPES: ReadonlySet<string> = new Set(['geopoint', 'geotrace', 'geoshape']);

/** "a select_one item", "an integer item". */
const aType = (type: string) => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;

export function checkInstrument(inst: Instrument): CheckResult {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const error = (path: PathSegment[], message: string) => errors.push({ severity: 'error', message: at(inst, path, message) });
  const warn = (path: PathSegment[], message: string) => warnings.push({ severity: 'warning', message: at(inst, path, message) });
  const where = (path: PathSegment[]) => formatPath(inst, path);

  // Languages ------------------------------------------------------------------------------------
  const declared = new Set<string>();
  inst.languages.forEach((lang, i) => {
    if (declared.has(lang)) error(['languages', i], `'${lang}' is listed twice`);
    declared.add(lang);
  });
  const defaultLanguage = inst.languages[0] ?? '';

  // Every localized text, with its path: for undeclared languages and missing default texts.
  const texts: { path: PathSegment[]; text: LocalizedText }[] = [];
  const addText = (path: PathSegment[], text: LocalizedText | undefined) => {
    if (text) texts.push({ path, text });
  };
  addText(['title'], inst.title);
  addText(['description'], inst.description);
  addText(['consent', 'text'], inst.consent?.text);
  for (const [list, choices] of Object.entries(inst.choiceLists)) {
    choices.forEach((c, i) => addText(['choiceLists', list, i, 'label'], c.label));
  }
  for (const [name, scale] of Object.entries(inst.likertScales)) {
    scale.points.forEach((p, i) => addText(['likertScales', name, 'points', i, 'label'], p.label));
    scale.nonSubstantive?.forEach((c, i) => addText(['likertScales', name, 'nonSubstantive', i, 'label'], c.label));
  }
  inst.sections.forEach((section, s) => {
    addText(['sections', s, 'label'], section.label);
    addText(['sections', s, 'hint'], section.hint);
    section.items.forEach((item, i) => {
      for (const key of ['label', 'hint', 'guidance', 'requiredMessage', 'constraintMessage'] as const) {
        addText(['sections', s, 'items', i, key], item[key]);
      }
    });
  });
  inst.scales.forEach((scale, i) => addText(['scales', i, 'label'], scale.label));

  const undeclared = new Map<string, { first: PathSegment[]; count: number }>();
  for (const { path, text } of texts) {
    for (const lang of Object.keys(text)) {
      if (declared.has(lang)) continue;
      const seen = undeclared.get(lang);
      if (seen) seen.count++;
      else undeclared.set(lang, { first: path, count: 1 });
    }
  }
  for (const lang of Object.keys(inst.languageNames ?? {})) {
    if (!declared.has(lang) && !undeclared.has(lang)) undeclared.set(lang, { first: ['languageNames', lang], count: 1 });
  }
  for (const [lang, { first, count }] of undeclared) {
    const more = count > 1 ? ` and ${count - 1} more ${count === 2 ? 'text' : 'texts'}` : '';
    warnings.push({
      severity: 'warning',
      message: `language '${lang}' is used (${where(first)}${more}) but not listed in languages; it is never shown`,
    });
  }
  if (inst.consent) {
    for (const lang of inst.languages) {
      if (!inst.consent.text[lang]) warn(['consent', 'text'], `no text in '${lang}': the consent falls back to another language`);
    }
  }

  // Choice lists and Likert scales ---------------------------------------------------------------
  for (const [list, choices] of Object.entries(inst.choiceLists)) {
    if (inst.allowChoiceDuplicates) break;
    const seen = new Map<string, number>();
    choices.forEach((c, i) => {
      const before = seen.get(c.name);
      if (before !== undefined) error(['choiceLists', list, i], `choice '${c.name}' is already used by ${where(['choiceLists', list, before])}`);
      else seen.set(c.name, i);
    });
  }
  for (const [name, scale] of Object.entries(inst.likertScales)) {
    const codes = new Map<string, PathSegment[]>();
    scale.points.forEach((p, i) => {
      const code = String(p.value);
      const before = codes.get(code);
      if (before) error(['likertScales', name, 'points', i], `value ${code} is already used by ${where(before)}`);
      else codes.set(code, ['likertScales', name, 'points', i]);
    });
    scale.nonSubstantive?.forEach((c, i) => {
      const before = codes.get(c.name);
      if (before) error(['likertScales', name, 'nonSubstantive', i], `'${c.name}' is already used by ${where(before)}`);
      else codes.set(c.name, ['likertScales', name, 'nonSubstantive', i]);
    });
  }

  // Names ----------------------------------------------------------------------------------------
  const sectionAt = new Map<string, number>();
  inst.sections.forEach((section, s) => {
    const before = sectionAt.get(section.name);
    if (before !== undefined) error(['sections', s, 'name'], `section name '${section.name}' is already used by ${where(['sections', before])}`);
    else sectionAt.set(section.name, s);
  });
  const itemAt = new Map<string, PathSegment[]>();
  const items = new Map<string, Item>();
  inst.sections.forEach((section, s) =>
    section.items.forEach((item, i) => {
      const before = itemAt.get(item.name);
      if (before) error(['sections', s, 'items', i, 'name'], `item name '${item.name}' is already used by ${where(before)}`);
      else {
        itemAt.set(item.name, ['sections', s, 'items', i]);
        items.set(item.name, item);
      }
    }),
  );

  // Items ----------------------------------------------------------------------------------------
  const usedLists = new Set<string>();
  const usedScales = new Set<string>();
  inst.sections.forEach((section, s) => {
    if (!section.label[defaultLanguage]) warn(['sections', s, 'label'], `no text in the default language '${defaultLanguage}'`);
    if (section.relevant !== undefined) checkExpression(['sections', s], 'relevant', section.relevant, undefined);
    section.items.forEach((item, i) => {
      const path: PathSegment[] = ['sections', s, 'items', i];
      const isSelect = SELECT_TYPES.has(item.type);
      if (!UNSHOWN_TYPES.has(item.type) && !item.label[defaultLanguage]) {
        warn([...path, 'label'], `no text in the default language '${defaultLanguage}'`);
      }
      if (isSelect) {
        if (item.choices === undefined) error([...path, 'choices'], `missing: ${aType(item.type)} item names its choice list`);
        else if (!Object.hasOwn(inst.choiceLists, item.choices)) error([...path, 'choices'], `unknown choice list '${item.choices}'`);
        else {
          usedLists.add(item.choices);
          if (item.other && inst.choiceLists[item.choices]?.some((c) => c.name === 'other')) {
            warn([...path, 'other'], `choice list '${item.choices}' already has a choice 'other', and other: true adds "Other (specify)" too`);
          }
          if (item.choiceFilter !== undefined) {
            const list = item.choices;
            const filter = checkExpression(path, 'choiceFilter', item.choiceFilter, item.name, true);
            const has = new Set(['name', ...(inst.choiceLists[list] ?? []).flatMap((c) => Object.keys(c.attributes ?? {}))]);
            for (const attr of filter ? attributeReferences(filter) : []) {
              if (!has.has(attr)) error([...path, 'choiceFilter'], `no choice of list '${list}' has an attribute '${attr}'`);
            }
          }
        }
      } else {
        if (item.choiceFilter !== undefined) warn([...path, 'choiceFilter'], `ignored: only select_one and select_multiple items have a choice filter`);
        if (item.type === 'range' && item.choices !== undefined) {
          // A range's tick labels (XLSForm's tick_labelset): choices named by the points they label.
          if (!Object.hasOwn(inst.choiceLists, item.choices)) error([...path, 'choices'], `unknown choice list '${item.choices}'`);
          else usedLists.add(item.choices);
        } else if (item.choices !== undefined) warn([...path, 'choices'], `ignored: ${aType(item.type)} item has no choice list`);
        if (item.other) warn([...path, 'other'], `ignored: only select_one and select_multiple items have "Other (specify)"`);
      }
      if (item.other && item.type === 'rank') warn([...path, 'other'], `ignored: a rank item orders its list and has no "Other (specify)"`);
      if (item.other) {
        const otherName = `${item.name}_other`;
        const clash = itemAt.get(otherName);
        if (clash) error([...path, 'other'], `the "Other (specify)" text is stored as '${otherName}', which is the name of ${where(clash)}`);
      }
      if (item.type === 'likert') {
        if (item.likert === undefined) error([...path, 'likert'], 'missing: a likert item names its Likert scale');
        else if (!Object.hasOwn(inst.likertScales, item.likert)) error([...path, 'likert'], `unknown Likert scale '${item.likert}'`);
        else usedScales.add(item.likert);
      } else if (item.likert !== undefined) warn([...path, 'likert'], `ignored: ${aType(item.type)} item has no Likert scale`);
      // Since version 2 any item may have a calculation (its value follows it while unanswered).
      if (item.type === 'calculate') {
        if (item.calculation === undefined && item.defaultExpression === undefined && item.default === undefined && !item.trigger) {
          error([...path, 'calculation'], 'missing: a calculate item needs a calculation (or a default)');
        }
      } else if (item.type === 'note' && item.calculation !== undefined) warn([...path, 'calculation'], 'ignored: a note takes no value');
      if (item.type === 'range') {
        if (!item.range) error([...path, 'range'], 'missing: a range item needs its start, end and step');
        else {
          const { start, end, step } = item.range;
          const steps = Math.abs(end - start) / step;
          if (start === end) error([...path, 'range'], `start and end are both ${start}`);
          else if (Math.abs(steps - Math.round(steps)) > 1e-9) error([...path, 'range', 'step'], `${step} does not divide the range from ${start} to ${end}`);
        }
      } else if (item.range) warn([...path, 'range'], `ignored: ${aType(item.type)} item has no range`);
      if (item.type === 'meta') {
        if (!item.meta) error([...path, 'meta'], 'missing: a meta item says which value it records');
        else if (item.meta === 'instanceName' && item.calculation === undefined) error([...path, 'calculation'], 'missing: an instanceName item computes the name from its calculation');
      } else if (item.meta) warn([...path, 'meta'], `ignored: only meta items record metadata`);
      // Version 3, location.
      if (item.location && !LOCATION_TYPES.has(item.type)) warn([...path, 'location'], `ignored: ${aType(item.type)} item takes no location`);
      const { accuracyThreshold: good, unacceptableAccuracy: poor } = item.location ?? {};
      if (good !== undefined && poor !== undefined && poor < good) {
        warn([...path, 'location', 'unacceptableAccuracy'], `${poor} m is smaller than the accuracy taken by itself (${good} m): every fix below it is shown as poor`);
      }
      item.trigger?.forEach((name, k) => {
        if (!itemAt.has(name)) error([...path, 'trigger', k], `unknown item '${name}'`);
        else if (name === item.name) error([...path, 'trigger', k], 'an item cannot trigger itself');
      });

      if (item.relevant !== undefined) checkExpression(path, 'relevant', item.relevant, item.name);
      if (item.constraint !== undefined) checkExpression(path, 'constraint', item.constraint, undefined);
      if (item.calculation !== undefined) checkExpression(path, 'calculation', item.calculation, item.name);
      if (item.requiredIf !== undefined) checkExpression(path, 'requiredIf', item.requiredIf, undefined);
      if (item.readOnlyIf !== undefined) checkExpression(path, 'readOnlyIf', item.readOnlyIf, undefined);
      if (item.defaultExpression !== undefined) checkExpression(path, 'defaultExpression', item.defaultExpression, item.name);
    });
  });
  for (const list of Object.keys(inst.choiceLists)) {
    if (!usedLists.has(list)) warn(['choiceLists', list], 'not used by any item');
  }
  for (const name of Object.keys(inst.likertScales)) {
    if (!usedScales.has(name)) warn(['likertScales', name], 'not used by any item');
  }

  /**
   * Parses `source` (a choice filter's with choice attributes); its references must name items, and
   * not `self` (the item it belongs to). The parsed expression, or null when it does not parse.
   */
  function checkExpression(path: PathSegment[], field: string, source: string, self: string | undefined, choiceAttributes = false): Expr | null {
    let expr: Expr;
    try {
      // Every group's checks of literal arguments (a regex() pattern), so the form is refused now.
      expr = parseExpression(source, { choiceAttributes, functions: ALL_FUNCTIONS });
    } catch (e) {
      if (e instanceof ExpressionError) {
        error([...path, field], e.message);
        return null;
      }
      throw e;
    }
    for (const ref of references(expr)) {
      if (!itemAt.has(ref)) error([...path, field], `unknown item '${ref}' in \${${ref}}`);
      else if (ref === self) error([...path, field], `refers to its own item \${${ref}}`);
    }
    return expr;
  }

  // Scales ---------------------------------------------------------------------------------------
  const scaleAt = new Map<string, number>();
  inst.scales.forEach((scale, k) => {
    const path: PathSegment[] = ['scales', k];
    const before = scaleAt.get(scale.name);
    if (before !== undefined) error([...path, 'name'], `scale name '${scale.name}' is already used by ${where(['scales', before])}`);
    else scaleAt.set(scale.name, k);
    const members = new Set<string>();
    const likertScales = new Set<string>();
    scale.items.forEach((name, i) => {
      const item = items.get(name);
      if (members.has(name)) error([...path, 'items', i], `'${name}' is listed twice`);
      members.add(name);
      if (!item) error([...path, 'items', i], `unknown item '${name}'`);
      else if (item.type !== 'likert') error([...path, 'items', i], `'${name}' is ${aType(item.type)} item, not a likert item`);
      else if (item.likert !== undefined) likertScales.add(item.likert);
    });
    const reversed = new Set<string>();
    scale.reversed.forEach((name, i) => {
      if (reversed.has(name)) error([...path, 'reversed', i], `'${name}' is listed twice`);
      reversed.add(name);
      if (!members.has(name)) error([...path, 'reversed', i], `'${name}' is not one of the scale's items`);
    });
    if (likertScales.size > 1) {
      warn(path, `mixes Likert scales ${[...likertScales].map((n) => `'${n}'`).join(', ')}: reverse coding and means assume one`);
    }
  });

  if (!inst.title[defaultLanguage]) warn(['title'], `no text in the default language '${defaultLanguage}'`);

  return { errors, warnings };
}
