/**
 * Several instances share through Redis when REDIS_URL is set: socket.io
 * rooms (the Redis adapter) and domain events (so that a removal or a logout
 * cuts access on every instance). Collab document updates travel on their own
 * channels (server/src/collab). Without REDIS_URL nothing here runs.
 */
import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config/config';
import { DomainEvents, type DomainEventMap, type DomainEventName } from '../common/domain-events';
import { RedisHealth } from '../modules/health/redis-health';
import { CollabCluster } from '../collab/collab-cluster';
import { CollabService } from '../collab/collab.service';
import { RedisIoAdapter } from './redis-io.adapter';
import { describeError } from '../common/describe-error';

const DOMAIN_CHANNEL = 'spil:domain-events';

interface Envelope {
  from: string;
  name: DomainEventName;
  payload: DomainEventMap[DomainEventName];
}

export interface ClusterLink {
  close(): Promise<void>;
}

function client(url: string, name: string): Redis {
  return new Redis(url, { connectionName: name, maxRetriesPerRequest: 3, lazyConnect: false });
}

/** Wire an app to Redis. Call before `listen` so the socket.io server is created with the adapter. */
export async function joinCluster(
  app: INestApplication,
  config: AppConfig,
): Promise<ClusterLink | null> {
  if (!config.REDIS_URL) return null;
  const logger = new Logger('Cluster');
  const url = config.REDIS_URL;
  const clients = [
    client(url, 'spil-io-pub'),
    client(url, 'spil-io-sub'),
    client(url, 'spil-events-pub'),
    client(url, 'spil-events-sub'),
    client(url, 'spil-collab-pub'),
    client(url, 'spil-collab-sub'),
  ] as const;
  const [ioPub, ioSub, evPub, evSub, collabPub, collabSub] = clients;
  for (const c of clients) c.on('error', (e: Error) => logger.warn(`Redis: ${describeError(e)}`));
  await Promise.all(
    clients.map((c) =>
      c.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((res, rej) => {
            c.once('ready', () => res());
            c.once('error', rej);
          }),
    ),
  );

  app.useWebSocketAdapter(new RedisIoAdapter(app, ioPub, ioSub));
  app.get(RedisHealth).register(async () => (await evPub.ping()) === 'PONG');

  const events = app.get(DomainEvents);
  const from = config.INSTANCE_ID;
  events.setForwarder((name, payload) => {
    const env: Envelope = { from, name, payload };
    evPub
      .publish(DOMAIN_CHANNEL, JSON.stringify(env))
      .catch((e: unknown) => logger.warn(`Publish failed: ${describeError(e)}`));
  });
  await evSub.subscribe(DOMAIN_CHANNEL);
  evSub.on('message', (_channel: string, raw: string) => {
    try {
      const env = JSON.parse(raw) as Envelope;
      if (env.from !== from) events.deliver(env.name, env.payload);
    } catch {
      logger.warn('Ignored a malformed cluster message');
    }
  });
  // Open documents: updates and awareness between instances, catch-up from the database.
  const collab = app.get(CollabService);
  const collabCluster = new CollabCluster(collabPub, collabSub, from, {
    load: (docName) => collab.loadStored(docName),
    applyStored: (room, update) => collab.applyStored(room, update),
  });
  collab.attachCluster(collabCluster);

  logger.log(`Instance ${from} joined the cluster`);
  return {
    async close() {
      events.setForwarder(null);
      collab.attachCluster(null);
      await collabCluster.close();
      await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
