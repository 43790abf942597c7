import type { NotificationDto } from '@spil/shared';
import { useCallback, useEffect, useState } from 'react';
import { keys, queryClient, queryOptions, useData } from '../../lib/query';
import { useSubmit } from '../../lib/use-submit';
import { useEvents } from '../events/EventsContext';
import { listNotifications, markAllRead, markRead } from './notifications-api';

export interface Notifications {
  items: NotificationDto[] | null;
  unread: number;
  error: string | null;
  /** The latest notification that arrived live, for the screen reader. */
  latest: NotificationDto | null;
  reload: () => void;
  readAll: () => Promise<void>;
  /** True while "alles gelezen" is being sent. */
  busy: boolean;
  read: (id: string) => void;
}

const notificationsQuery = queryOptions({
  queryKey: keys.me('notifications'),
  queryFn: listNotifications,
});

function setItems(change: (list: NotificationDto[]) => NotificationDto[]): void {
  queryClient.setQueryData(notificationsQuery.queryKey, (current) =>
    current ? change(current) : current,
  );
}

/**
 * My notifications: one query, kept current by `notification:new` (shown at
 * once, then confirmed by the refetch that live-queries starts) and loaded
 * again after the events socket reconnects.
 */
export function useNotifications(): Notifications {
  const events = useEvents();
  const list = useData(notificationsQuery);
  const [latest, setLatest] = useState<NotificationDto | null>(null);

  useEffect(
    () =>
      events.onNotification((n) => {
        setItems((current) => [n, ...current.filter((c) => c.id !== n.id)]);
        setLatest(n);
      }),
    [events],
  );

  const all = useSubmit(markAllRead, {
    onSuccess: () => {
      const now = new Date().toISOString();
      setItems((current) => current.map((n) => (n.readAt ? n : { ...n, readAt: now })));
    },
  });

  const read = useCallback((id: string) => {
    const now = new Date().toISOString();
    setItems((current) =>
      current.map((n) => (n.id === id && !n.readAt ? { ...n, readAt: now } : n)),
    );
    // Best effort: the list shows it read; the next load tells the truth.
    markRead(id).catch(() => undefined);
  }, []);

  const items = list.data ?? null;
  const { run } = all;
  return {
    items,
    unread: items?.filter((n) => !n.readAt).length ?? 0,
    error: all.error ?? list.error,
    latest,
    reload: list.reload,
    readAll: useCallback(async () => void (await run()), [run]),
    busy: all.busy,
    read,
  };
}
