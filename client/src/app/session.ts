import type { UserDto } from '@spil/shared';
import { type LoaderFunctionArgs, redirect, useRouteLoaderData } from 'react-router-dom';
import { me } from '../api/auth';
import { ApiError } from '../api/http';
import { isHouseholdUser } from '../features/mijn-plan/household-user';
import { userWhenOffline } from '../features/mijn-plan/offline-cache';
import { setCacheOwner } from '../lib/query';

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
      if (e instanceof ApiError && e.code === 'auth.second_factor_required')
        throw redirect('/tweede-stap');
      if (e instanceof ApiError && e.unauthorized) throw redirect(loginPath(pathOf(args.request)));
      throw e;
    }
  };
}

async function loadUser(): Promise<UserDto> {
  try {
    const user = await me();
    setCacheOwner(user.id);
    return user;
  } catch (e) {
    // Offline, the inwoner or a naaste still opens Mijn plan from this device's copy.
    const offline = userWhenOffline(e);
    if (offline) return offline;
    throw e;
  }
}

/**
 * What the app layout's loader loads or has loaded. React Router calls the
 * layout's loader before those of its children (which then run beside it),
 * and a navigation that does not reload the layout keeps the last one; so
 * child loaders ask here instead of fetching the user again.
 */
let currentUser: Promise<UserDto> | null = null;

function startLoadingUser(): Promise<UserDto> {
  const loading = loadUser();
  currentUser = loading;
  // A failed load is not kept: the next loader that asks tries again.
  loading.catch(() => {
    if (currentUser === loading) currentUser = null;
  });
  return loading;
}

export const appLoader = authed(startLoadingUser);

/** The logged-in user, for loaders under the app layout (wrap them in `authed`). */
export function loaderUser(): Promise<UserDto> {
  return currentUser ?? startLoadingUser();
}

/** Mijn plan, of one household when given (Mijn plan falls back to the first of the user's own). */
export function mijnPlanPath(householdId?: string): string {
  return householdId ? `/?huishouden=${encodeURIComponent(householdId)}` : '/';
}

/**
 * A loader for a page meant for professionals. The inwoner and naasten go to
 * Mijn plan instead (of the household in the address, if it is theirs); the
 * server refuses them the data anyway, this spares them an error page.
 */
export function professionalsOnly<T>(load: (args: LoaderFunctionArgs) => Promise<T> | T) {
  return authed(async (args: LoaderFunctionArgs): Promise<T> => {
    const user = await loaderUser();
    if (isHouseholdUser(user)) throw redirect(mijnPlanPath(args.params.id));
    return load(args);
  });
}

/** Beheer: a beheerder or a coördinator; others go home. */
export const staffOnly = authed(async () => {
  const user = await loaderUser();
  if (user.systemRole !== 'beheerder' && user.systemRole !== 'coordinator') throw redirect('/');
  return null;
});

/** The aanmelding: coördinatoren only; others go home. */
export const coordinatorsOnly = authed(async () => {
  const user = await loaderUser();
  if (user.systemRole !== 'coordinator') throw redirect('/');
  return null;
});

/** The logged-in user; only inside the routes under the app layout. */
export function useCurrentUser(): UserDto {
  const user = useRouteLoaderData<typeof appLoader>(APP_ROUTE_ID);
  if (!user) throw new Error('useCurrentUser outside the logged-in routes');
  return user;
}
