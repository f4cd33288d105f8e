import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Instrument } from '../../core/instrument/types';
import { compileInstrument, isReady, prepareInstrument, type CompiledInstrument } from '../../core/responses/form-state';

export interface Compiled {
  /** Null while the function groups it calls are loading, or when there is no instrument or it failed. */
  compiled: CompiledInstrument | null;
  /** The function groups it calls are being loaded (an import() each, from the precache offline). */
  pending: boolean;
  /** Why it could not be prepared (a group's chunk that did not load), in words for the screen. */
  error: string | null;
}

/**
 * An instrument compiled with every expression function it calls (src/core/expr/catalog.ts). One
 * that calls only basic functions (the demo study) is compiled in the same render, with no wait:
 * its first question needs no other chunk. One that calls a group loaded on demand (format-date(),
 * regex(), ...) is pending until `prepareInstrument` has loaded it.
 */
export function useCompiled(instrument: Instrument | null | undefined, compiledAlready?: CompiledInstrument): Compiled {
  // `compiledAlready`: the same instrument compiled before this screen was drawn (while an unlock derived its key).
  const now = useMemo(() => (instrument ? (compiledAlready?.instrument === instrument ? compiledAlready : compileInstrument(instrument)) : null), [instrument]);
  const ready = now !== null && isReady(now);
  const [later, setLater] = useState<{ instrument: Instrument; compiled: CompiledInstrument | null; error: string | null } | null>(null);
  useEffect(() => {
    if (!instrument || !now || ready) return;
    let live = true;
    prepareInstrument(instrument, now.functions).then(
      (compiled) => live && setLater({ instrument, compiled, error: null }),
      (e: unknown) => live && setLater({ instrument, compiled: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [now]);
  if (!now) return { compiled: null, pending: false, error: null };
  if (ready) return { compiled: now, pending: false, error: null };
  if (!later || later.instrument !== instrument) return { compiled: null, pending: true, error: null };
  return { compiled: later.compiled, pending: false, error: later.error };
}
