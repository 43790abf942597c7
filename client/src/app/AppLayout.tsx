import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router-dom';
import { EventsProvider, useEvents } from '../features/events/EventsContext';
import { homeLabel } from '../features/mijn-plan/household-user';
import { loginPath, useCurrentUser } from './session';
import { SiteHeader } from './SiteHeader';

/** After a client-side navigation, focus the new page's h1 so screen readers announce it. */
function useFocusHeadingOnNavigate(): void {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>('[data-page-heading]')?.focus();
  }, [location.pathname]);
}

/** The events socket says the session is gone: back to the login page. */
function SessionWatch() {
  const events = useEvents();
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;
  useEffect(
    () => events.onUnauthorized(() => void navigate(loginPath(here), { replace: true })),
    [events, navigate, here],
  );
  return null;
}

export function AppLayout() {
  const user = useCurrentUser();
  const navigation = useNavigation();
  const loading = navigation.state === 'loading';
  useFocusHeadingOnNavigate();
  return (
    <EventsProvider>
      <SessionWatch />
      <a className="skip-link" href="#inhoud">
        Naar de inhoud
      </a>
      <SiteHeader />
      {loading && (
        <div className="progress" role="progressbar" aria-label="Pagina wordt geladen">
          <span className="visually-hidden">Laden…</span>
        </div>
      )}
      <main id="inhoud" className="page" tabIndex={-1} aria-busy={loading}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Spil · één huishouden, één plan · <Link to="/">{homeLabel(user)}</Link>
        </p>
      </footer>
    </EventsProvider>
  );
}
