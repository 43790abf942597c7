import type { UserDto } from '@spil/shared';
import { type LoaderFunctionArgs, redirect, useRouteLoaderData } from 'react-router-dom';
import { me } from '../api/auth';
import { ApiError } from '../api/http';
import { userWhenOffline } from '../features/mijn-plan/offline-cache';

export const APP_ROUTE_ID = 'app';

/** Where to send someone whose session is gone: the login page, remembering where they were. */
export function loginPath(from?: string): string {
  return from && from !== '/' ? `/inloggen?terug=${encodeURIComponent(from)}` : '/inloggen';
}

/** Only paths inside Spil: never an open redirect to another site. */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return '/';
  return value;
}

function pathOf(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

/** A loader that turns a 401 into a redirect to the login page. */
export function authed<T>(load: (args: LoaderFunctionArgs) => Promise<T>) {
  return async (args: LoaderFunctionArgs): Promise<T> => {
    try {
      return await load(args);
    } catch (e) {
      if (e instanceof ApiError && e.unauthorized) throw redirect(loginPath(pathOf(args.request)));
      throw e;
    }
  };
}

export const appLoader = authed(async () => {
  try {
    return await me();
  } catch (e) {
    // Offline, the inwoner or a naaste still opens Mijn plan from this device's copy.
    const offline = userWhenOffline(e);
    if (offline) return offline;
    throw e;
  }
});

/** The logged-in user; only inside the routes under the app layout. */
export function useCurrentUser(): UserDto {
  const user = useRouteLoaderData<typeof appLoader>(APP_ROUTE_ID);
  if (!user) throw new Error('useCurrentUser outside the logged-in routes');
  return user;
}
