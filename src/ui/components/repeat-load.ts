/**
 * The repeat block's code (./RepeatBlock.tsx, a chunk of its own: forms without repeats never fetch
 * it), loaded early when the study opened has repeats: while the session is read (../../main.tsx,
 * the runner), so the first question of a form that opens on a repeat does not wait for it. Once
 * loaded, the section draws it in its first render (`repeatBlockLoaded`).
 */
import type { ComponentType } from 'preact';
import type { Instrument } from '../../core/instrument/types';
import type { RepeatBlockProps } from './RepeatBlock';

let loaded: ComponentType<RepeatBlockProps> | null = null;
let loading: Promise<ComponentType<RepeatBlockProps>> | null = null;

export function loadRepeatBlock(): Promise<ComponentType<RepeatBlockProps>> {
  loading ??= import('./RepeatBlock').then(
    (m) => (loaded = m.RepeatBlock),
    (e: unknown) => {
      loading = null; // tried again by the next screen that needs it
      throw e;
    },
  );
  return loading;
}

/** The block, when its code is here already. */
export function repeatBlockLoaded(): ComponentType<RepeatBlockProps> | null {
  return loaded;
}

/** Starts loading the block's code if the instrument has repeats (a failure is the screen's to show). */
export function preloadRepeats(instrument: Pick<Instrument, 'repeats'> | undefined): void {
  if (instrument?.repeats?.length) loadRepeatBlock().catch(() => {});
}
