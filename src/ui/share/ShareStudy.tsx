import { useEffect, useMemo, useState } from 'preact/hooks';
import { localize, type Instrument } from '../../core/instrument/types';
import { encodeStudyLink, nextReferral, studyQr } from '../../core/link/index';
import { download } from '../../app/crypto-client';
import type { StudyRecord } from '../../app/model';
import { cryptoRandom } from '../../app/self-completion';
import { readPickedFile } from '../../app/picked-file';
import { readResearcherKey, signedForSharing, type ResearcherKey } from '../../app/researcher-key';
import { useApp } from '../context';
import { href } from '../route';
import { LinkBox } from './LinkBox';
import { QrCode } from './QrCode';
import { QrSequence } from './QrSequence';

/**
 * The researcher shares a study with respondents: a link (the study in the URL fragment, with a new
 * seed referral), its QR code when it fits, a sequence of QR codes for another Dala when it does not,
 * and the study file. The link carries the
 * researcher's key, so respondents' answers come back encrypted to it: no key, no link. And it carries
 * the researcher's signature over the whole study, keys included (docs/security.md): the researcher
 * chooses their key file here to sign it, and a device refuses a study changed on the way.
 */
/** A key file is a few lines: anything larger is not one. */
const MAX_KEY_FILE_BYTES = 1_000_000;

export function ShareStudy(p: { studyId: string; studyVersion: string }) {
  const { app, t, lang } = useApp();
  const [study, setStudy] = useState<StudyRecord | null | undefined>(undefined);
  useEffect(() => void app.getStudy(p.studyId, p.studyVersion).then((s) => setStudy(s ?? null)), [p.studyId, p.studyVersion]);
  const recipients = study ? app.recipientsOf(study) : [];
  const [key, setKey] = useState<ResearcherKey | null>(null);
  const [keyError, setKeyError] = useState<string | null>(null);
  // The link's study carries this device's recipients (set in "Export data") and the signer's own,
  // signed with the researcher's key once it is chosen.
  const instrument = useMemo<Instrument | null>(() => (study && key ? signedForSharing(study.instrument, recipients, key) : null), [study, key]);
  const link = useMemo(() => {
    if (!instrument) return null;
    try {
      return encodeStudyLink(instrument, { base: location.origin + location.pathname, referral: nextReferral(undefined, cryptoRandom) });
    } catch {
      return null; // too large for a link: the study file below
    }
  }, [instrument]);
  const readKey = async (file: File | undefined) => {
    if (!file) return;
    try {
      setKey(await readResearcherKey(new TextDecoder().decode(await readPickedFile(file, MAX_KEY_FILE_BYTES)), file.name));
      setKeyError(null);
    } catch (e) {
      setKey(null);
      setKeyError(e instanceof Error ? e.message : String(e));
    }
  };

  if (study === undefined) return <p aria-busy="true">…</p>;
  if (study === null) return <p role="alert">{t('unknownSession')}</p>;
  const dataHref = href({ name: 'data', studyId: study.id, studyVersion: study.studyVersion });
  const signedStudy = instrument;
  const fileButton = signedStudy && (
    <button
      class="btn"
      onClick={() => download(`${study.id}-${study.studyVersion}.json`, JSON.stringify(signedStudy, null, 2), 'application/json')}
      data-testid="download-study"
    >
      {t('downloadStudy')}
    </button>
  );
  const signer = (
    <section class="card stack no-print" aria-labelledby="sign-h" data-testid="share-sign">
      <h2 id="sign-h">{t('shareSignTitle')}</h2>
      <p class="small">{t('shareSignHint')}</p>
      <label class="field">
        <span class="label">{t('keyFile')}</span>
        <input type="file" accept=".txt,.key,text/plain" onChange={(e) => void readKey((e.currentTarget as HTMLInputElement).files?.[0])} data-testid="sign-key" />
      </label>
      {keyError && <p class="issue" role="alert" data-testid="sign-key-error">{t('shareSignBad')} <span lang="en" class="small">{keyError}</span></p>}
      {key && (
        <p role="status" data-testid="share-signed">
          {t('shareSignedAs')} <code class="fingerprint" data-testid="share-fingerprint">{key.fingerprint}</code>
        </p>
      )}
    </section>
  );

  return (
    <div class="stack narrow" data-testid="share-screen">
      <h1>{t('share')}</h1>
      <p class="muted">{localize(study.instrument.title, lang)} · {t('studyVersion')} {study.studyVersion}</p>
      {recipients.length === 0 && !key ? (
        <div class="banner warn stack" role="alert" data-testid="share-no-key">
          <p>{t('shareNoKey')}</p>
          <a class="btn" href={dataHref}>{t('studyDataButton')}</a>
        </div>
      ) : null}
      {signer}
      {instrument && (
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
