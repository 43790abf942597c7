import { Link, NavLink, useNavigate } from 'react-router-dom';
import { logout } from '../api/auth';
import { ApiError } from '../api/http';
import { ErrorMessage } from '../components/ErrorMessage';
import { NotificationsButton } from '../features/notifications/NotificationsButton';
import { takeSsoLogoutPath } from '../features/account/sso';
import { forgetSavedPlans } from '../features/plan/local-plans';
import { homeLabel } from '../features/mijn-plan/household-user';
import { forgetOfflineCopy } from '../features/mijn-plan/offline-cache';
import { disciplineLabel } from '../lib/labels';
import { clearQueries } from '../lib/query';
import { useSubmit } from '../lib/use-submit';
import { useCurrentUser } from './session';

export function SiteHeader() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const signOut = useSubmit(
    async () => {
      try {
        await logout();
      } catch (e) {
        // A session that is gone already counts as logged out.
        if (!(e instanceof ApiError && e.unauthorized)) throw e;
      }
    },
    {
      onSuccess: async () => {
        // Household data does not stay on this device after logout, unless it holds unsaved edits.
        await forgetSavedPlans().catch(() => undefined);
        forgetOfflineCopy();
        clearQueries();
        // Logged in through the organisation: end that session too; it sends the browser back to the login page.
        const sso = takeSsoLogoutPath();
        if (sso) window.location.assign(sso);
        else await navigate('/inloggen', { replace: true });
      },
    },
  );

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          Spil
          <span className="visually-hidden">, naar {homeLabel(user)}</span>
        </Link>
        <nav aria-label="Hoofdmenu" className="site-nav">
          <NavLink to="/" end>
            {homeLabel(user)}
          </NavLink>
          <NavLink to="/mijn-overleggen">Mijn overleggen</NavLink>
          {user.systemRole === 'professional' || user.systemRole === 'coordinator' ? (
            <NavLink to="/mijn-acties">Mijn acties</NavLink>
          ) : null}
          {user.systemRole === 'coordinator' ? <NavLink to="/regie">Regie op regie</NavLink> : null}
          {user.systemRole === 'coordinator' ? <NavLink to="/dashboard">Dashboard</NavLink> : null}
          {user.systemRole === 'coordinator' ? (
            <NavLink to="/huishoudens/nieuw">Nieuwe aanmelding</NavLink>
          ) : null}
          {user.systemRole === 'coordinator' || user.systemRole === 'beheerder' ? (
            <NavLink to="/beheer">Beheer</NavLink>
          ) : null}
          <NavLink to="/account">Mijn account</NavLink>
        </nav>
        <NotificationsButton />
        <div className="site-user">
          <p className="site-user__name">
            <span className="visually-hidden">Ingelogd als </span>
            {user.name}
            <span className="site-user__role">{disciplineLabel(user.discipline)}</span>
          </p>
          <button
            type="button"
            className="button button--on-dark"
            onClick={() => void signOut.run()}
            disabled={signOut.busy}
          >
            {signOut.busy ? 'Uitloggen…' : 'Uitloggen'}
          </button>
        </div>
      </div>
      <ErrorMessage message={signOut.error} />
    </header>
  );
}
