import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { SecondFactorState } from '@spil/shared';
import { ApiError, errorMessage } from '../../api/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSubmit } from '../../lib/use-submit';
import { accountApi } from './account-api';
import { AuthCard } from './AuthCard';
import { EnrolTotp } from './EnrolTotp';

/** The second step of a password login: enrol an authenticator app on first use, a code after that. */
export function SecondStepPage() {
  const navigate = useNavigate();
  const [needed, setNeeded] = useState<SecondFactorState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const verify = useSubmit((c: string) => accountApi.verify(c), {
    onSuccess: () => navigate('/', { replace: true }),
  });

  useEffect(() => {
    accountApi.secondFactor().then(
      (s) => {
        if (s.needed === 'none') void navigate('/', { replace: true });
        else setNeeded(s.needed);
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.unauthorized) void navigate('/inloggen', { replace: true });
        else setLoadError(errorMessage(e));
      },
    );
  }, [navigate]);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (code.trim().length < 6) return verify.fail('Vul de code uit je app in.', 'code');
    void verify.run(code.trim());
  }

  return (
    <AuthCard title={needed === 'enrol' ? 'Tweede stap instellen' : 'Tweede stap'}>
      <ErrorMessage message={loadError} />
      {needed === 'enrol' && <EnrolTotp onDone={() => void navigate('/', { replace: true })} />}
      {needed === 'code' && (
        <>
          <p>
            Vul de code van zes cijfers uit je authenticator-app in, of een van je herstelcodes.
          </p>
          <ErrorMessage message={verify.error} />
          <form noValidate onSubmit={submit} aria-busy={verify.busy}>
            <div className="field">
              <label htmlFor="second-code">Code</label>
              <input
                id="second-code"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={verify.field === 'code' ? true : undefined}
              />
            </div>
            <button
              type="submit"
              className="button button--primary button--wide"
              disabled={verify.busy}
            >
              {verify.busy ? 'Bezig…' : 'Verder'}
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
