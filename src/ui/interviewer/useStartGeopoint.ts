/**
 * Version 3, location: XLSForm's start-geopoint. When a draft is opened (and this tab holds it),
 * each `meta` item `start-geopoint` that has no value yet asks the device for one fix and records
 * it as an answer, saved as every answer is. Denied or unavailable: nothing is recorded (ODK leaves
 * it empty too), and the form goes on. Asked once per opening; the adapter loads only when needed.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { Instrument } from '../../core/instrument/types';
import { formatGeoPoint } from '../../core/responses/geo-value';
import type { Answer, AnswerValue } from '../../core/responses/types';

export function useStartGeopoint(p: {
  instrument: Instrument | undefined;
  sessionId: string;
  ready: boolean;
  answers: ReadonlyMap<string, Answer>;
  record(item: string, value: AnswerValue): void;
}): void {
  const asked = useRef<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  useEffect(() => {
    if (!p.ready || !p.instrument || asked.current === p.sessionId) return;
    const items = p.instrument.sections.flatMap((s) => s.items).filter((i) => i.type === 'meta' && i.meta === 'start-geopoint' && (p.answers.get(i.name)?.value ?? null) === null);
    asked.current = p.sessionId;
    if (!items.length) return;
    void import('../../adapters/geolocation/index')
      .then((m) => m.currentFix())
      .then((fix) => {
        if (!mounted.current || typeof fix === 'string') return;
        for (const item of items) p.record(item.name, formatGeoPoint(fix));
      });
  }, [p.ready, p.instrument, p.sessionId]);
}
