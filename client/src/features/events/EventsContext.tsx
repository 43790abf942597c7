import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { EventsClient } from './events-client';
import { bindLiveQueries } from './live-queries';

const EventsContext = createContext<EventsClient | null>(null);

/** One `/events` connection for the logged-in part of the app; its events keep the query cache live. */
export function EventsProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new EventsClient());
  useEffect(() => {
    const unbind = bindLiveQueries(client);
    client.connect();
    return () => {
      unbind();
      client.close();
    };
  }, [client]);
  return <EventsContext value={client}>{children}</EventsContext>;
}

export function useEvents(): EventsClient {
  const client = useContext(EventsContext);
  if (!client) throw new Error('useEvents outside EventsProvider');
  return client;
}
