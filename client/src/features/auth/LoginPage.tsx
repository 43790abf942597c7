import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { OidcProviderDto } from '@spil/shared';
import { login, messageOfCode } from '../../api/auth';
import { accountApi } from '../account/account-api';
import { rememberSsoProvider } from '../account/sso';
import { errorMessage } from '../../api/http';
import { safeReturnPath } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Notice } from '../../components/Notice';

interface FieldErrors {
  email?: string;
  password?: string;
}

function validate(email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!email.trim()) errors.email = 'Vul je e-mailadres in.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
    errors.email = 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.';
  if (!password) errors.password = 'Vul je wachtwoord in.';
  return errors;
}

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnTo = params.get('terug');
  const ssoError = messageOfCode(params.get('fout'));
  const done = params.get('klaar') === 'wachtwoord';
  const [providers, setProviders] = useState<OidcProviderDto[]>([]);
  useEffect(() => {
    accountApi.providers().then(setProviders, () => setProviders([]));
  }, []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailError = useId();
  const passwordError = useId();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const errors = validate(email, password);
    setFieldErrors(errors);
    setError(null);
    if (errors.email || errors.password) {
      const first = errors.email ? 'email' : 'password';
      document.getElementById(`login-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const res = await login({ email: email.trim(), password });
      rememberSsoProvider(null);
      if (res.secondFactor !== 'none') await navigate('/tweede-stap', { replace: true });
      else await navigate(safeReturnPath(returnTo), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <title>Inloggen – Spil</title>
      <header className="login__brand">
        <p className="brand brand--large" aria-hidden="true">
          Spil
        </p>
        <p className="login__tagline">Eén huishouden, één plan.</p>
      </header>
      <main id="inhoud" className="login__card" tabIndex={-1}>
        <h1>Inloggen</h1>
        {returnTo && !error && <Notice>Log in om verder te gaan.</Notice>}
        {done && !error && <Notice>Je wachtwoord is opgeslagen. Log nu in.</Notice>}
        <ErrorMessage message={error ?? ssoError} />
        <form noValidate onSubmit={(e) => void submit(e)} aria-busy={busy}>
          <div className="field">
            <label htmlFor="login-email">E-mailadres</label>
            <input
              id="login-email"
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={fieldErrors.email ? emailError : undefined}
            />
            {fieldErrors.email && (
              <p className="field__error" id={emailError}>
                {fieldErrors.email}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="login-password">Wachtwoord</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? passwordError : undefined}
            />
            {fieldErrors.password && (
              <p className="field__error" id={passwordError}>
                {fieldErrors.password}
              </p>
            )}
          </div>
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {busy ? 'Bezig met inloggen…' : 'Inloggen'}
          </button>
        </form>
        <p>
          <Link to="/wachtwoord-vergeten">Wachtwoord vergeten?</Link>
        </p>
        {providers.length > 0 && (
          <div className="login__sso">
            <h2>Of log in via je organisatie</h2>
            {providers.map((p) => (
              <a
                key={p.id}
                className="button button--wide"
                href={`/api/auth/oidc/${encodeURIComponent(p.id)}/start`}
                onClick={() => rememberSsoProvider(p.id)}
              >
                Inloggen met {p.label}
              </a>
            ))}
          </div>
        )}
      </main>
    </div>
  );
}
