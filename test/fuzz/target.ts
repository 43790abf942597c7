/**
 * A server to fuzz, with a household, tokens of every kind and a watcher:
 * another user whose socket.io, collab and REST connections must keep
 * working while the fuzzer runs. Shared by the CI test and `run.ts`.
 */
import { io, type Socket } from 'socket.io-client';
import { createCanaryHousehold } from '../api/accountability-helpers';
import { RawCollab } from '../api/collab-client';
import { addToTeam, createUser, householdByName } from '../factories';
import type { DatabaseKind } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import type { FuzzTarget } from './fuzzer';

export interface PreparedFuzz {
  server: TestServer;
  target: FuzzTarget;
  /** Throws when the watcher's connections stopped working. */
  watch(): Promise<void>;
  /** After the run: the watcher never lost a connection. */
  watcherIntact(): boolean;
  /** Canary strings and names of the fuzzed household's people: never in a log line. */
  secrets: string[];
  close(): Promise<void>;
}

export async function prepareFuzz(kind: DatabaseKind): Promise<PreparedFuzz> {
  const server = await startTestServer(kind, {
    env: {
      LOG_LEVEL: 'error',
      RETENTION_CHECK_SECONDS: '0',
      // The fuzzer must reach the handlers; the limits themselves are tested in hardening.test.ts.
      RATE_LIMIT_SOCKET_PER_SECOND: '1000000',
      RATE_LIMIT_USER_PER_MINUTE: '1000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
    },
  });
  const f = await createCanaryHousehold(server);
  const bakker = await householdByName(server, 'Gezin Bakker');
  const watcher = await createUser(server, { name: 'Waakzame Collega' });
  await addToTeam(server, f.id, watcher.id, 'lid');
  const token = (await loginAs(server.url, watcher.email, watcher.password)).token;
  const socket: Socket = io(`${server.url}/events`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const collab = new RawCollab(`${server.wsUrl}/collab/${f.id}`, token);
  if ((await collab.roundTrip()) !== 'synced') throw new Error('watcher could not open the plan');
  return {
    server,
    target: {
      url: server.url,
      wsUrl: server.wsUrl,
      goodTokens: [
        f.tokens.regiehouder,
        f.tokens.huisarts,
        f.tokens.meelezer,
        f.tokens.inwoner,
        f.tokens.coordinator,
        f.tokens.outsider,
        f.tokens.removed as string,
      ],
      badTokens: [f.tokens.expired as string, f.tokens.forged as string, 'kapot', ''],
      docNames: [
        f.id,
        `${f.id}:medisch`,
        `${f.id}:werk`,
        `${f.id}:overleg:${f.meetingId}`,
        bakker.id,
        '00000000-0000-4000-8000-000000000000',
        `${f.id}:geheim`,
      ],
    },
    async watch() {
      const ack = (await socket.timeout(5000).emitWithAck('plan:subscribe', { docName: f.id })) as {
        data?: unknown;
      };
      if (!ack.data) throw new Error(`watcher socket.io: ${JSON.stringify(ack)}`);
      const sync = await collab.roundTrip(5000);
      if (sync !== 'synced') throw new Error(`watcher collab: ${sync}`);
      const rest = await api(server.url, 'GET', `/api/households/${f.id}`, { token });
      if (rest.status !== 200) throw new Error(`watcher REST: ${rest.status}`);
    },
    watcherIntact: () => socket.connected && collab.closeCode === null,
    secrets: [
      ...Object.values(f.canary),
      f.inwonerEmail,
      'Pieter Hendriks',
      'Johan Kuipers',
      'Sandra Bakker',
    ],
    async close() {
      socket.close();
      collab.close();
      await server.stop();
    },
  };
}
