import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Notice } from '../../components/Notice';
import { useSubmit } from '../../lib/use-submit';
import { accountApi } from './account-api';
import { AuthCard } from './AuthCard';
import { OneFieldForm } from './OneFieldForm';

/** Ask for a reset link. The answer is the same whether or not the address is known. */
export function PasswordForgottenPage() {
  const [answer, setAnswer] = useState<string | null>(null);
  const send = useSubmit((address: string) => accountApi.requestReset(address), {
    onSuccess: (res) => setAnswer(res.message),
  });

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
          <OneFieldForm
            submit={send}
            id="reset-email"
            label="E-mailadres"
            field="email"
            submitLabel="Stuur de link"
            wide
            input={{
              type: 'email',
              autoComplete: 'username',
              inputMode: 'email',
              spellCheck: false,
            }}
            check={(v) =>
              /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)
                ? null
                : 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.'
            }
          />
        </>
      )}
      <p>
        <Link to="/inloggen">Terug naar inloggen</Link>
      </p>
    </AuthCard>
  );
}
