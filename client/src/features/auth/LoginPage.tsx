import { type FormEvent, useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { login } from '../../api/auth';
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
      await login({ email: email.trim(), password });
      await navigate(safeReturnPath(returnTo), { replace: true });
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
        <ErrorMessage message={error} />
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
      </main>
    </div>
  );
}
