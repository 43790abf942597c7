/**
 * Which single sign-on provider this tab logged in with, so that logging out
 * of Spil ends the session at the provider too. Kept in sessionStorage: it
 * crosses the redirect to the provider and back, and no other tab sees it.
 */
const KEY = 'spil:sso-provider';

export function rememberSsoProvider(id: string | null): void {
  try {
    if (id) sessionStorage.setItem(KEY, id);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage off: logout then ends the Spil session only */
  }
}

/** The provider to log out of after Spil's own logout (and forget it), or null. */
export function takeSsoLogoutPath(): string | null {
  try {
    const id = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return id ? `/api/auth/oidc/${encodeURIComponent(id)}/logout` : null;
  } catch {
    return null;
  }
}
