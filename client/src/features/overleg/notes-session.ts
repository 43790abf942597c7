/**
 * A live notes document (an overleg's notes, a household's medical notes):
 * the stock y-websocket provider on `/collab/<docName>`, authenticated by the
 * session cookie, with the same local copy, presence and "opgeslagen" as the
 * plan (the session has the plan session's shape, so the plan's hooks work
 * on it; `householdId` holds the document name, which keys the local copy).
 *
 * A reader's local copy is removed when the session ends: what someone may
 * only read (medical notes under consent) does not stay on their device.
 */
import { PlanDoc } from '@spil/shared';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { localDbName, markUnsaved } from '../plan/local-plans';
import type { PlanSession, PresenceUser } from '../plan/plan-session';
import { StoredTracker } from '../plan/stored-tracker';

const LOCAL_LOAD_TIMEOUT_MS = 3000;

function collabUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${protocol}://${window.location.host}/collab`;
}

export async function openNotesSession(
  docName: string,
  user: PresenceUser,
  opts: { keepLocalCopy: boolean },
  signal: AbortSignal,
): Promise<PlanSession | null> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(localDbName(docName), doc);
  const provider = new WebsocketProvider(collabUrl(), docName, doc, {
    connect: false,
    disableBc: true,
  });
  // Before anything syncs, so it sees the server's first sync step 1.
  const stored = new StoredTracker(doc, provider);
  provider.awareness.setLocalStateField('user', user);
  const forget = () => {
    markUnsaved(docName, false);
    void persistence.clearData();
  };
  // Access ended (consent withdrawn, removed from the team): nothing of it stays here.
  provider.on('closed', ({ code }: { code: number }) => {
    if (code === 4403 || code === 4401) forget();
  });
  const session: PlanSession = {
    householdId: docName,
    docName,
    doc,
    plan: new PlanDoc(doc),
    provider,
    persistence,
    stored,
    user,
    legacy: [],
    destroy() {
      stored.destroy();
      provider.awareness.setLocalState(null);
      provider.destroy();
      if (opts.keepLocalCopy) void persistence.destroy();
      else forget();
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
  provider.connect();
  return session;
}
