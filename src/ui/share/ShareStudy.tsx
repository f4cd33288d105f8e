import { useEffect, useMemo, useState } from 'preact/hooks';
import { localize, type Instrument } from '../../core/instrument/types';
import { encodeStudyLink, nextReferral, studyQr } from '../../core/link/index';
import { download } from '../../app/crypto-client';
import type { StudyRecord } from '../../app/model';
import { cryptoRandom } from '../../app/self-completion';
import { useApp } from '../context';
import { href } from '../route';
import { LinkBox } from './LinkBox';
import { QrCode } from './QrCode';
import { QrSequence } from './QrSequence';

/**
 * The researcher shares a study with respondents: a link (the study in the URL fragment, with a new
 * seed referral), its QR code when it fits, a sequence of QR codes for another Dala when it does not,
 * and the study file. The link carries the
 * researcher's key, so respondents' answers come back encrypted to it: no key, no link.
 */
export function ShareStudy(p: { studyId: string; studyVersion: string }) {
  const { app, t, lang } = useApp();
  const [study, setStudy] = useState<StudyRecord | null | undefined>(undefined);
  useEffect(() => void app.getStudy(p.studyId, p.studyVersion).then((s) => setStudy(s ?? null)), [p.studyId, p.studyVersion]);
  const recipients = study ? app.recipientsOf(study) : [];
  // The link's study carries this device's recipients (set in "Export data"), not only the form's.
  const instrument = useMemo<Instrument | null>(() => (study ? { ...study.instrument, recipients } : null), [study]);
  const link = useMemo(() => {
    if (!instrument || recipients.length === 0) return null;
    try {
      return encodeStudyLink(instrument, { base: location.origin + location.pathname, referral: nextReferral(undefined, cryptoRandom) });
    } catch {
      return null; // too large for a link: the study file below
    }
  }, [instrument]);

  if (study === undefined) return <p aria-busy="true">…</p>;
  if (study === null || !instrument) return <p role="alert">{t('unknownSession')}</p>;
  const dataHref = href({ name: 'data', studyId: study.id, studyVersion: study.studyVersion });
  const fileButton = (
    <button
      class="btn"
      onClick={() => download(`${study.id}-${study.studyVersion}.json`, JSON.stringify(instrument, null, 2), 'application/json')}
      data-testid="download-study"
    >
      {t('downloadStudy')}
    </button>
  );

  return (
    <div class="stack narrow" data-testid="share-screen">
      <h1>{t('share')}</h1>
      <p class="muted">{localize(study.instrument.title, lang)} · {t('studyVersion')} {study.studyVersion}</p>
      {recipients.length === 0 ? (
        <div class="banner warn stack" role="alert" data-testid="share-no-key">
          <p>{t('shareNoKey')}</p>
          <a class="btn" href={dataHref}>{t('studyDataButton')}</a>
        </div>
      ) : (
        <>
          <p>{t('shareHint')}</p>
          {link ? (
            <>
              <LinkBox link={link} label={t('linkLabel')} testid="share-link" />
              {studyQr(link).ok ? <QrCode link={link} tooLarge={t('qrTooLarge')} /> : <QrSequence link={link} study={study} />}
            </>
          ) : (
            <p class="notice">{t('linkTooLarge')}</p>
          )}
          <p class="row">{fileButton}</p>
        </>
      )}
      <p>
        <a class="btn" href={href({ name: 'sessions' })}>← {t('back')}</a>
      </p>
    </div>
  );
}
