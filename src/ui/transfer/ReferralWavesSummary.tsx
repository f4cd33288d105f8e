import { useEffect, useState } from 'preact/hooks';
import type { StudyRecord } from '../../app/model';
import { referralWaves, type ReferralWaves } from '../../app/referral-waves';
import { useApp } from '../context';

/**
 * Responses per referral wave, whose files arrived and which referral codes were passed on but never
 * came back, and who referred how many; nothing when no response came over a link.
 */
export function ReferralWavesSummary(p: { study: StudyRecord }) {
  const { app, t } = useApp();
  const [waves, setWaves] = useState<ReferralWaves | null>(null);
  useEffect(() => {
    void app.listSessions().then((all) => setWaves(referralWaves(all.filter((s) => s.studyId === p.study.id && s.studyVersion === p.study.studyVersion))));
  }, [app, p.study.id, p.study.studyVersion]);
  if (!waves) return null;
  return (
    <section class="card stack" aria-labelledby="waves-h" data-testid="referral-waves">
      <h2 id="waves-h">{t('wavesTitle')}</h2>
      <p class="muted small">{t('wavesHint')}</p>
      <table class="stats compact">
        <thead>
          <tr>
            <th scope="col">{t('wave')}</th>
            <th scope="col">{t('responses')}</th>
            <th scope="col">{t('wavesNotBack')}</th>
          </tr>
        </thead>
        <tbody>
          {waves.byWave.map((w) => (
            <tr key={w.wave} data-wave={w.wave}>
              <th scope="row">{w.wave}</th>
              <td>{waves.waves.find(([x]) => x === w.wave)?.[1] ?? 0}</td>
              <td>{w.notBack.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details data-testid="waves-arrivals">
        <summary>{t('wavesArrivals')}</summary>
        <p class="muted small">{t('wavesArrivalsHint')}</p>
        {waves.byWave.map((w) => (
          <div key={w.wave} class="stack" data-wave={w.wave}>
            <h3 class="label">{t('wave')} {w.wave}</h3>
            <p>
              {t('wavesArrived', { n: w.arrived.length })}{' '}
              <span class="code" data-testid={`arrived-${w.wave}`}>{w.arrived.join(', ') || '—'}</span>
            </p>
            {w.notBack.length > 0 && (
              <p>
                {t('wavesNotBackList', { n: w.notBack.length })}{' '}
                <span class="code" data-testid={`not-back-${w.wave}`}>{w.notBack.join(', ')}</span>
              </p>
            )}
          </div>
        ))}
      </details>
      <details>
        <summary>{t('wavesReferred')}</summary>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t('wavesReferred')}>
          <table class="stats compact">
            <thead>
              <tr>
                <th scope="col">{t('respondent')}</th>
                <th scope="col">{t('wave')}</th>
                <th scope="col">{t('wavesReferredN')}</th>
              </tr>
            </thead>
            <tbody>
              {waves.codes.map((c) => (
                <tr key={c.code} data-code={c.code}>
                  <th scope="row"><span class="code">{c.code}</span>{!c.known && <span class="muted"> *</span>}</th>
                  <td>{c.wave}</td>
                  <td>{c.referred}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {waves.codes.some((c) => !c.known) && <p class="muted small">* {t('wavesUnknown')}</p>}
      </details>
    </section>
  );
}
