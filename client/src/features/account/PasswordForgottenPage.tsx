import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Notice } from '../../components/Notice';
import { useSubmit } from '../../lib/use-submit';
import { accountApi } from './account-api';
import { AuthCard } from './AuthCard';

/** Ask for a reset link. The answer is the same whether or not the address is known. */
export function PasswordForgottenPage() {
  const [email, setEmail] = useState('');
  const [answer, setAnswer] = useState<string | null>(null);
  const send = useSubmit((address: string) => accountApi.requestReset(address), {
    onSuccess: (res) => setAnswer(res.message),
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      return send.fail('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.', 'email');
    void send.run(email.trim());
  }

  return (
    <AuthCard title="Wachtwoord vergeten">
      {answer ? (
        <div role="status">
          <Notice>{answer}</Notice>
        </div>
      ) : (
        <>
          <p>
            Vul je e-mailadres in. Je krijgt een e-mail met een link om een nieuw wachtwoord te
            kiezen.
          </p>
          <ErrorMessage message={send.error} />
          <form noValidate onSubmit={submit} aria-busy={send.busy}>
            <div className="field">
              <label htmlFor="reset-email">E-mailadres</label>
              <input
                id="reset-email"
                type="email"
                autoComplete="username"
                inputMode="email"
                spellCheck={false}
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={send.field === 'email' ? true : undefined}
              />
            </div>
            <button
              type="submit"
              className="button button--primary button--wide"
              disabled={send.busy}
            >
              {send.busy ? 'Bezig…' : 'Stuur de link'}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/inloggen">Terug naar inloggen</Link>
      </p>
    </AuthCard>
  );
}
