import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formError, PasswordField } from '../../components/PasswordField';
import { useSubmit } from '../../lib/use-submit';
import { accountApi } from './account-api';
import { AuthCard } from './AuthCard';

/**
 * Choose a password with the single-use code from an e-mail: an invitation of
 * a professional or a reset (`/wachtwoord-instellen`), or the invitation of
 * the inwoner or a naaste (`/activeren`). The code is in the fragment, so it
 * never reaches a server log.
 */
export function SetPasswordPage({ kind }: { kind: 'account' | 'household' }) {
  const location = useLocation();
  const navigate = useNavigate();
  const code = new URLSearchParams(location.hash.replace(/^#/, '')).get('code') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const save = useSubmit(
    (pw: string) =>
      kind === 'household' ? accountApi.activate(code, pw) : accountApi.setPassword(code, pw),
    { onSuccess: () => navigate('/inloggen?klaar=wachtwoord', { replace: true }) },
  );

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (password.length < 10)
      return save.fail('Kies een wachtwoord van minstens 10 tekens.', 'password');
    if (password !== repeat) return save.fail('De twee wachtwoorden zijn niet gelijk.', 'repeat');
    void save.run(password);
  }

  return (
    <AuthCard title="Kies je wachtwoord">
      {!code ? (
        <p className="notice notice--error">
          Deze link is niet compleet. Open de link uit de e-mail opnieuw, of{' '}
          <Link to="/wachtwoord-vergeten">vraag een nieuwe aan</Link>.
        </p>
      ) : (
        <>
          <p>Kies een wachtwoord. Daarna log je in met je e-mailadres.</p>
          <ErrorMessage message={formError(save, ['password', 'repeat'])} />
          <form noValidate onSubmit={submit} aria-busy={save.busy}>
            <PasswordField
              id="new-password"
              label="Nieuw wachtwoord"
              hint="Minstens 10 tekens."
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              submit={save}
              name="password"
            />
            <PasswordField
              id="repeat-password"
              label="Herhaal het wachtwoord"
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
              submit={save}
              name="repeat"
            />
            <button
              type="submit"
              className="button button--primary button--wide"
              disabled={save.busy}
            >
              {save.busy ? 'Bezig…' : 'Wachtwoord opslaan'}
            </button>
          </form>
        </>
      )}
    </AuthCard>
  );
}
