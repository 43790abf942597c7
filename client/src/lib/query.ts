/**
 * The client's one data layer: TanStack Query over `api/http.ts`.
 *
 * - One `QueryClient` for the tab. Data is fetched through query options
 *   built with `keys` below, so a live event can find every copy of it.
 * - Route loaders call `loadQuery` (fetch once, before the page renders, so a
 *   401 becomes the login page and a 404 the "niet gevonden" page); the page
 *   reads the same query with `useLoadedQuery`. Parts of a page that load on
 *   their own use `useData`.
 * - Socket events make queries stale in one place:
 *   `features/events/live-queries.ts`. Nothing else polls or reloads by hand.
 * - Forms send through `useSubmit` (`lib/use-submit.ts`).
 */
import {
  keepPreviousData,
  QueryClient,
  type EnsureQueryDataOptions,
  type QueryKey,
  queryOptions,
  useQuery,
  type UseQueryOptions,
  useSuspenseQuery,
  type UseSuspenseQueryOptions,
} from '@tanstack/react-query';
import { ApiError, errorMessage } from '../api/http';

/** Options for one query: `queryOptions({ queryKey: keys..., queryFn: () => api call })`. */
export { queryOptions };

/** How long an answer counts as fresh. Live events invalidate sooner; this only spares double fetches. */
const FRESH_MS = 10_000;

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: FRESH_MS,
      // Always ask: `api/http` turns a lost connection into its own message, and Mijn plan
      // falls back to its offline copy. TanStack's default would pause silently instead.
      networkMode: 'always',
      // An answer of the server (4xx, 5xx) is final; only a lost connection is tried once more.
      retry: (failures, error) => error instanceof ApiError && error.status === 0 && failures < 1,
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false, networkMode: 'always' },
  },
});

/** The user the cached data belongs to: another login in this tab starts with an empty cache. */
let cacheOwner: string | null = null;
export function setCacheOwner(userId: string): void {
  if (cacheOwner !== null && cacheOwner !== userId) queryClient.clear();
  cacheOwner = userId;
}
/** After logout nothing of the last user stays in memory. */
export function clearQueries(): void {
  queryClient.clear();
  cacheOwner = null;
}

/**
 * Every query key of the app. Keys are hierarchical, so one event can make a
 * whole household, or everything of "me", stale:
 *
 * - `['households', ...]`: lists of households
 * - `['household', id, part, ...]`: one household; `part` names the data
 *   (`detail`, `regie`, `consent`, `meetings`, ...). A new part needs no
 *   registration: household events make the whole subtree stale.
 * - `['me', part, ...]`: the user's own lists across households
 * - `['wijkteam', part, ...]`: the coördinator's views of the wijkteam
 */
export const keys = {
  households: () => ['households'] as const,
  householdList: (params: object) => ['households', 'list', params] as const,
  household: (id: string, ...part: unknown[]) => ['household', id, ...part] as const,
  me: (...part: unknown[]) => ['me', ...part] as const,
  wijkteam: (...part: unknown[]) => ['wijkteam', ...part] as const,
};

/** For a route loader: the data in the cache (fetched when missing or stale). Throws like `api/http`. */
export function loadQuery<T, K extends QueryKey>(
  options: EnsureQueryDataOptions<T, Error, T, K>,
): Promise<T> {
  return queryClient.ensureQueryData({ ...options, revalidateIfStale: true });
}

export interface Data<T> {
  data: T | undefined;
  /** What went wrong, in the catalogue's words; the last data stays meanwhile. */
  error: string | null;
  /** True until the first answer. */
  loading: boolean;
  /** True while any fetch runs, also a background one. */
  fetching: boolean;
  reload: () => void;
}

/**
 * Data for one part of a page. `keepPrevious` keeps the last answer on screen
 * while another key (a new search or page) loads.
 */
export function useData<T, K extends QueryKey>(
  options: UseQueryOptions<T, Error, T, K>,
  { keepPrevious = false }: { keepPrevious?: boolean } = {},
): Data<T> {
  const q = useQuery({
    ...options,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
  return {
    data: q.data,
    error: q.error ? errorMessage(q.error) : null,
    loading: q.isPending && options.enabled !== false,
    fetching: q.isFetching,
    reload: () => void q.refetch(),
  };
}

/**
 * Data a route loader has loaded (`loadQuery`), kept live. When it is gone on
 * a later fetch (removed from the team: 404), the route's error page shows,
 * as it would on a fresh load.
 */
export function useLoadedQuery<T, K extends QueryKey>(
  options: UseSuspenseQueryOptions<T, Error, T, K>,
): T {
  const q = useSuspenseQuery(options);
  if (q.error instanceof ApiError && q.error.status === 404) throw q.error;
  return q.data;
}
