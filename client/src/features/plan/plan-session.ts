/**
 * One household's live plan: a Y.Doc kept in IndexedDB (so unsent edits
 * survive a reload or a closed laptop) and synced with the stock y-websocket
 * provider at `/collab/<householdId>`, authenticated by the session cookie.
 */
import { docNameOf, PlanDoc } from '@spil/shared';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { localDbName } from './local-plans';
import { type LegacyText, legacyTexts } from './outdated';
import { StoredTracker } from './stored-tracker';

export interface PresenceUser {
  name: string;
  color: string;
}

export interface PlanSession {
  householdId: string;
  docName: string;
  doc: Y.Doc;
  plan: PlanDoc;
  provider: WebsocketProvider;
  persistence: IndexeddbPersistence;
  /** What of this tab's copy the server has stored. */
  stored: StoredTracker;
  user: PresenceUser;
  /** Free text of the local copy that was still a plain string (plan schema 1) when it opened. */
  legacy: LegacyText[];
  destroy(): void;
}

/** How long to wait for the local copy before connecting without it (IndexedDB can be blocked). */
const LOCAL_LOAD_TIMEOUT_MS = 3000;

function collabUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${protocol}://${window.location.host}/collab`;
}

/**
 * Open the plan: load the local copy first, then connect, so the first sync
 * step already carries edits made offline. Resolves once the local copy is in.
 */
export async function openPlanSession(
  householdId: string,
  user: PresenceUser,
  signal: AbortSignal,
): Promise<PlanSession | null> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(localDbName(householdId), doc);
  const provider = new WebsocketProvider(collabUrl(), householdId, doc, {
    connect: false,
    // Tabs talk through the server only; what is "stored" then means the same in every tab.
    disableBc: true,
  });
  // Before anything syncs, so it sees the server's first sync step 1.
  const stored = new StoredTracker(doc, provider);
  // The server replaces name and colour with those of the login; these are for this tab until then.
  provider.awareness.setLocalStateField('user', user);
  const jitter = reconnectWithJitter(provider);
  // The provider's own watchdog notices a dead connection only after 30 s; the browser knows sooner.
  const goOffline = () => {
    jitter.cancel();
    provider.disconnect();
  };
  const goOnline = () => provider.connect();
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);
  const session: PlanSession = {
    householdId,
    docName: docNameOf(householdId),
    doc,
    plan: new PlanDoc(doc),
    provider,
    persistence,
    stored,
    user,
    legacy: [],
    destroy() {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      jitter.cancel();
      stored.destroy();
      provider.awareness.setLocalState(null);
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
  await Promise.race([
    persistence.whenSynced,
    new Promise((r) => setTimeout(r, LOCAL_LOAD_TIMEOUT_MS)),
  ]);
  if (signal.aborted) {
    session.destroy();
    return null;
  }
  // Before the first sync: what this copy would write in the old shape, should the server refuse it.
  session.legacy = legacyTexts(doc);
  if (navigator.onLine !== false) provider.connect();
  return session;
}

/**
 * The stock provider retries after exactly 200 ms, 400 ms, ... so when an
 * instance goes down all of its clients would knock on the next one at the
 * same moment. After a transient close this takes the retry over: the
 * provider's own backoff times a random factor between 0.5 and 1.5.
 */
function reconnectWithJitter(provider: WebsocketProvider): { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  provider.on('connection-close', (event: CloseEvent | null) => {
    // Deliberate disconnects and final codes (4400–4499) stay the provider's business.
    if (!provider.shouldConnect || (event && !provider.shouldReconnect(event, provider))) return;
    // The provider's own retry, scheduled right after this, then finds nothing to do.
    provider.shouldConnect = false;
    const backoff = Math.min(
      2 ** (provider.wsUnsuccessfulReconnects + 1) * 100,
      provider.maxBackoffTime,
    );
    cancel();
    timer = setTimeout(
      () => {
        timer = null;
        provider.connect();
      },
      backoff * (0.5 + Math.random()),
    );
  });
  return { cancel };
}
