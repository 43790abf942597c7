import { useState } from 'react';
import type { TotpEnrolmentDto } from '@spil/shared';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type Submit, useSubmit } from '../../lib/use-submit';
import { accountApi } from './account-api';
import { OneFieldForm } from './OneFieldForm';
import './account.css';

/** Set up an authenticator app: QR code (or the key to type), a first code, then the recovery codes. */
export function EnrolTotp({ onDone }: { onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolmentDto | null>(null);
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const start = useSubmit(() => accountApi.enrol(), { onSuccess: (e) => setEnrolment(e) });
  const confirm = useSubmit((c: string) => accountApi.confirm(c), {
    onSuccess: (r) => setRecovery(r.recoveryCodes),
  });

  if (recovery) return <RecoveryCodes codes={recovery} onDone={onDone} />;

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
      <AppCodeForm submit={confirm} id="totp-code" submitLabel="Bevestigen" />
    </>
  );
}

/** The recovery codes, shown once (after enrolment, or new ones from the account page). */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section aria-labelledby="herstelcodes">
      <h2 id="herstelcodes">Je herstelcodes</h2>
      <p>
        Bewaar deze codes op een veilige plek. Ben je je telefoon kwijt, dan log je met één van deze
        codes in. Elke code werkt één keer. Je ziet ze maar één keer.
      </p>
      <ul className="recovery-codes" aria-label="Herstelcodes">
        {codes.map((c) => (
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
}

/** A code from the authenticator app: six digits (spaces allowed). */
function checkAppCode(value: string): string | null {
  return /^\d{6}$/.test(value.replace(/\s/g, '')) ? null : 'Vul de zes cijfers uit de app in.';
}

/** Asks a code from the authenticator app. */
export function AppCodeForm({
  submit,
  id,
  submitLabel,
}: {
  submit: Submit<[string], unknown>;
  id: string;
  submitLabel: string;
}) {
  return (
    <OneFieldForm
      submit={submit}
      id={id}
      label="Code uit de app"
      field="code"
      submitLabel={submitLabel}
      input={{ inputMode: 'numeric', autoComplete: 'one-time-code' }}
      check={checkAppCode}
    />
  );
}
