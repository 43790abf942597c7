/**
 * Several instances share through Redis when REDIS_URL is set: socket.io
 * rooms (the Redis adapter) and open collab documents (collab-cluster.ts).
 * Domain events (a removal or a logout cuts access on every instance) travel
 * through PostgreSQL instead (domain-events-relay.ts), so that cutting off
 * access never waits for Redis. Without REDIS_URL nothing here runs.
 *
 * Redis is never needed to start or to keep serving: the connections
 * (redis-connections.ts) retry for ever, and while Redis is away every
 * instance serves its own clients as a single instance would, and edits
 * cross between instances through the update log in PostgreSQL.
 */
import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { DomainEvents } from '../common/domain-events';
import { RedisHealth } from '../modules/health/redis-health';
import { CollabCluster, PlanLogWatch } from '../collab/collab-cluster';
import { CollabService } from '../collab/collab.service';
import { DomainEventsRelay } from './domain-events-relay';
import { RedisConnections } from './redis-connections';
import { RedisIoAdapter } from './redis-io.adapter';

/** How long boot waits for Redis before it starts without it, in ms. */
const BOOT_WAIT_MS = 2_000;

export interface ClusterLink {
  close(): Promise<void>;
}

/** Wire an app to Redis. Call before `listen` so the socket.io server is created with the adapter. */
export async function joinCluster(
  app: INestApplication,
  config: AppConfig,
): Promise<ClusterLink | null> {
  if (!config.REDIS_URL) return null;
  const logger = new Logger('Cluster');
  const redis = app.get(RedisConnections);
  const ioPub = redis.client('spil-io-pub', 'publish');
  const ioSub = redis.client('spil-io-sub', 'subscribe');
  const collabPub = redis.client('spil-collab-pub', 'publish');
  const collabSub = redis.client('spil-collab-sub', 'subscribe');

  app.useWebSocketAdapter(new RedisIoAdapter(app, ioPub, ioSub));
  // Answered from what the watchdog last heard: never waits for a hung Redis.
  app.get(RedisHealth).register(async () => redis.status() === 'up');

  const from = config.INSTANCE_ID;
  // One PostgreSQL per deployment: with the embedded database there is only this instance to tell.
  const relay = config.DATABASE_URL
    ? new DomainEventsRelay(config.DATABASE_URL, from, app.get(DomainEvents), app.get(DataSource))
    : null;
  relay?.start();

  // Open documents: updates and awareness between instances, catch-up from the database.
  const collab = app.get(CollabService);
  const collabCluster = new CollabCluster(
    collabPub,
    collabSub,
    from,
    {
      load: (docName) => collab.loadStored(docName),
      applyStored: (room, update) => collab.applyStored(room, update),
    },
    {
      up: () => redis.status() === 'up',
      usable: (client) => redis.usable(client),
      onUp: (listener) =>
        redis.onChange((s) => {
          if (s === 'up') listener();
        }),
    },
    new PlanLogWatch(app.get(DataSource)),
  );
  collab.attachCluster(collabCluster);

  await redis.settled(BOOT_WAIT_MS);
  if (redis.status() === 'up') logger.log(`Instance ${from} joined the cluster`);
  else logger.warn(`Instance ${from} starts without Redis; it joins the others when Redis answers`);
  return {
    async close() {
      collab.attachCluster(null);
      await collabCluster.close();
      await relay?.close();
    },
  };
}
