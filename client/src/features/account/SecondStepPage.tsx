import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { SecondFactorState } from '@spil/shared';
import { ApiError, errorMessage } from '../../api/http';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSubmit } from '../../lib/use-submit';
import { accountApi } from './account-api';
import { AuthCard } from './AuthCard';
import { EnrolTotp } from './EnrolTotp';
import { OneFieldForm } from './OneFieldForm';

/** The second step of a password login: enrol an authenticator app on first use, a code after that. */
export function SecondStepPage() {
  const navigate = useNavigate();
  const [needed, setNeeded] = useState<SecondFactorState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
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

  return (
    <AuthCard title={needed === 'enrol' ? 'Tweede stap instellen' : 'Tweede stap'}>
      <ErrorMessage message={loadError} />
      {needed === 'enrol' && <EnrolTotp onDone={() => void navigate('/', { replace: true })} />}
      {needed === 'code' && (
        <>
          <p>
            Vul de code van zes cijfers uit je authenticator-app in, of een van je herstelcodes.
          </p>
          <OneFieldForm
            submit={verify}
            id="second-code"
            label="Code"
            field="code"
            submitLabel="Verder"
            wide
            input={{ autoComplete: 'one-time-code' }}
            check={(v) => (v.length < 6 ? 'Vul de code uit je app in.' : null)}
          />
        </>
      )}
      <p>
        <Link to="/inloggen">Terug naar inloggen</Link>
      </p>
    </AuthCard>
  );
}
