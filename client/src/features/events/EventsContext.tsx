import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { EventsClient } from './events-client';

const EventsContext = createContext<EventsClient | null>(null);

/** One `/events` connection for the logged-in part of the app. */
export function EventsProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new EventsClient());
  useEffect(() => {
    client.connect();
    return () => client.close();
  }, [client]);
  return <EventsContext value={client}>{children}</EventsContext>;
}

export function useEvents(): EventsClient {
  const client = useContext(EventsContext);
  if (!client) throw new Error('useEvents outside EventsProvider');
  return client;
}
