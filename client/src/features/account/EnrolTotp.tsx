import { type FormEvent, useState } from 'react';
import type { TotpEnrolmentDto } from '@spil/shared';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSubmit } from '../../lib/use-submit';
import { accountApi } from './account-api';
import './account.css';

/** Set up an authenticator app: QR code (or the key to type), a first code, then the recovery codes. */
export function EnrolTotp({ onDone }: { onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolmentDto | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const start = useSubmit(() => accountApi.enrol(), { onSuccess: (e) => setEnrolment(e) });
  const confirm = useSubmit((c: string) => accountApi.confirm(c), {
    onSuccess: (r) => setRecovery(r.recoveryCodes),
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s/g, '')))
      return confirm.fail('Vul de zes cijfers uit de app in.', 'code');
    void confirm.run(code.replace(/\s/g, ''));
  }

  if (recovery)
    return (
      <section aria-labelledby="herstelcodes">
        <h2 id="herstelcodes">Je herstelcodes</h2>
        <p>
          Bewaar deze codes op een veilige plek. Ben je je telefoon kwijt, dan log je met één van
          deze codes in. Elke code werkt één keer. Je ziet ze maar één keer.
        </p>
        <ul className="recovery-codes" aria-label="Herstelcodes">
          {recovery.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--primary" onClick={onDone}>
          Ik heb de codes bewaard
        </button>
      </section>
    );

  if (!enrolment)
    return (
      <>
        <p>
          Je stelt eenmalig een authenticator-app in op je telefoon (bijvoorbeeld Microsoft
          Authenticator, Google Authenticator of FreeOTP). Daarna vraagt Spil bij het inloggen om
          een code uit die app.
        </p>
        <ErrorMessage message={start.error} />
        <button
          type="button"
          className="button button--primary"
          onClick={() => void start.run()}
          disabled={start.busy}
        >
          Authenticator-app instellen
        </button>
      </>
    );

  return (
    <>
      <ol className="enrol-steps">
        <li>
          Scan deze QR-code met je authenticator-app.
          <img
            className="enrol-qr"
            src={enrolment.qr}
            alt="QR-code om Spil aan je authenticator-app toe te voegen"
            width={180}
            height={180}
          />
        </li>
        <li>
          Lukt scannen niet? Typ dan deze sleutel over:{' '}
          <code className="enrol-secret" data-testid="totp-secret">
            {enrolment.secret}
          </code>
        </li>
        <li>Vul hieronder de code van zes cijfers in die de app laat zien.</li>
      </ol>
      <ErrorMessage message={confirm.error} />
      <form noValidate onSubmit={submit} aria-busy={confirm.busy}>
        <div className="field">
          <label htmlFor="totp-code">Code uit de app</label>
          <input
            id="totp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={confirm.field === 'code' ? true : undefined}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={confirm.busy}>
          {confirm.busy ? 'Bezig…' : 'Bevestigen'}
        </button>
      </form>
    </>
  );
}
