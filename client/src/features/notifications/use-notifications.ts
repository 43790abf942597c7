import type { NotificationDto } from '@spil/shared';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/http';
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
  read: (id: string) => void;
}

/** Newest first, each id once. */
function merge(list: NotificationDto[], incoming: NotificationDto): NotificationDto[] {
  return [incoming, ...list.filter((n) => n.id !== incoming.id)];
}

/** A freshly loaded list, plus what arrived live while it was loading. */
function withLiveArrivals(
  list: NotificationDto[],
  current: NotificationDto[] | null,
): NotificationDto[] {
  const known = new Set(list.map((n) => n.id));
  const newest = list[0]?.createdAt ?? '';
  const arrived = (current ?? []).filter((n) => !known.has(n.id) && n.createdAt > newest);
  return [...arrived, ...list];
}

/**
 * My notifications: loaded once, then kept current by `notification:new` on
 * the tab's events socket, and loaded again after that socket reconnects.
 */
export function useNotifications(): Notifications {
  const events = useEvents();
  const [items, setItems] = useState<NotificationDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [latest, setLatest] = useState<NotificationDto | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    listNotifications().then(
      (list) => {
        if (!live) return;
        setItems((current) => withLiveArrivals(list, current));
        setError(null);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [tick]);

  useEffect(
    () =>
      events.onNotification((n) => {
        setItems((current) => merge(current ?? [], n));
        setLatest(n);
      }),
    [events],
  );

  // While the socket was down nothing arrived live: load the list again, so the count is right.
  useEffect(() => events.onReconnect(() => setTick((t) => t + 1)), [events]);

  const readAll = useCallback(async () => {
    setError(null);
    try {
      await markAllRead();
      const now = new Date().toISOString();
      setItems((current) => current?.map((n) => (n.readAt ? n : { ...n, readAt: now })) ?? null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  const read = useCallback((id: string) => {
    const now = new Date().toISOString();
    setItems(
      (current) =>
        current?.map((n) => (n.id === id && !n.readAt ? { ...n, readAt: now } : n)) ?? null,
    );
    // Best effort: the list shows it read; the next load tells the truth.
    markRead(id).catch(() => undefined);
  }, []);

  return {
    items,
    unread: items?.filter((n) => !n.readAt).length ?? 0,
    error,
    latest,
    reload: useCallback(() => setTick((t) => t + 1), []),
    readAll,
    read,
  };
}
