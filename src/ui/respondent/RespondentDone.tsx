import { useEffect, useMemo, useState } from 'preact/hooks';
import { download } from '../../app/crypto-client';
import { newId } from '../../app/ids';
import type { SessionReferral } from '../../app/model';
import { cryptoRandom, passOnLink, sealSession } from '../../app/self-completion';
import { useApp } from '../context';
import { LinkBox } from '../share/LinkBox';
import { QrCode } from '../share/QrCode';

const AGE_TYPE = 'application/octet-stream';

/**
 * The end of respondent mode: the answers sealed to the researcher's key (this device cannot open
 * them), offered through the system's share sheet when it takes files, else as a download; then a
 * link to pass the study on (the next wave, with this respondent as parent) and its QR code.
 */
export function RespondentDone(p: { sessionId: string; recipients: string[]; link: string }) {
  const { app, t } = useApp();
  const [file, setFile] = useState<{ fileName: string; data: Uint8Array } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [referral, setReferral] = useState<SessionReferral | null>(null);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    void app.store.getSession(p.sessionId).then((s) => setReferral(s?.referral ?? null));
    sealSession(app, p.sessionId, { recipients: p.recipients, bundleId: newId(), now: new Date().toISOString() }).then(setFile, (e: unknown) =>
      setFailed(e instanceof Error ? e.message : String(e)),
    );
  }, [app, p.sessionId]);

  const shareable = useMemo(() => {
    if (!file) return null;
    const f = new File([new Uint8Array(file.data)], file.fileName, { type: AGE_TYPE });
    return navigator.canShare?.({ files: [f] }) ? f : null;
  }, [file]);
  // A new code for each time the end screen is shown: each link passed on is its own coupon.
  const passOn = useMemo(() => (referral ? passOnLink(p.link, referral, cryptoRandom) : null), [referral, p.link]);

  const send = async () => {
    if (!shareable) return;
    try {
      await navigator.share({ files: [shareable], title: shareable.name });
      setSent(true);
    } catch {
      // Cancelled, or the share sheet failed: the download stays offered.
    }
  };

  return (
    <div class="stack narrow" data-testid="self-done">
      <h1>{t('kioskThanks')}</h1>
      <p>{t('selfSealed')}</p>
      <section class="card stack" aria-labelledby="send-h">
        <h2 id="send-h">{t('selfSend')}</h2>
        <p>{t('selfSendHint')}</p>
        {failed && <p class="banner warn" role="alert">{failed}</p>}
        {!file && !failed && <p aria-busy="true" class="muted">{t('working')}</p>}
        {file && (
          <div class="row">
            {shareable && (
              <button class="btn primary" onClick={() => void send()} data-testid="send-answers">{t('selfSend')}</button>
            )}
            <button class={`btn ${shareable ? '' : 'primary'}`} onClick={() => download(file.fileName, file.data, AGE_TYPE)} data-testid="download-answers">
              {t('selfSave')}
            </button>
          </div>
        )}
        {file && <p class="muted small code">{file.fileName}</p>}
        {sent && <p class="notice" role="status">{t('selfShared')}</p>}
      </section>
      {passOn && (
        <section class="card stack" aria-labelledby="pass-h">
          <h2 id="pass-h">{t('selfPassOn')}</h2>
          <p>{t('selfPassOnHint')}</p>
          <LinkBox link={passOn} label={t('linkLabel')} testid="pass-on-link" />
          <QrCode link={passOn} tooLarge={t('qrTooLarge')} />
        </section>
      )}
    </div>
  );
}
