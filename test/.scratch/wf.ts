import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { startTestServer } from '../support/server';
import { loginAs } from '../support/http';
import { householdByName } from '../factories';
async function session(url: string, token: string, kind: string, make: (doc: Y.Doc, aw: awarenessProtocol.Awareness) => Uint8Array) {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const doc = new Y.Doc(); const aw = new awarenessProtocol.Awareness(doc);
  let closed = '';
  ws.on('close', (c, r) => (closed = `${c} ${r.toString()}`));
  await new Promise((r) => ws.on('open', r));
  for (let i = 0; i < 5; i++) ws.send(make(doc, aw));
  await new Promise((r) => setTimeout(r, 500));
  console.log(kind, '=>', closed || 'open');
  ws.close();
}
async function main() {
  const s = await startTestServer('embedded', { env: { LOG_LEVEL: 'error' } });
  try {
    const { token } = await loginAs(s.url, 'huisarts');
    const b = await householdByName(s, 'Gezin Bakker');
    const url = `${s.wsUrl}/collab/${b.id}`;
    const upd = (fn: (d: Y.Doc) => void) => (doc: Y.Doc) => { let u: Uint8Array = new Uint8Array(); doc.once('update', (x: Uint8Array) => (u = x)); fn(doc); const e = encoding.createEncoder(); encoding.writeVarUint(e, 0); syncProtocol.writeUpdate(e, u); return encoding.toUint8Array(e); };
    let n = 0;
    await session(url, token, 'step1', (doc) => { const e = encoding.createEncoder(); encoding.writeVarUint(e, 0); syncProtocol.writeSyncStep1(e, doc); return encoding.toUint8Array(e); });
    await session(url, token, 'aw', (doc, aw) => { aw.setLocalState({ user: { name: 'x' }, cursor: null }); const e = encoding.createEncoder(); encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID])); return encoding.toUint8Array(e); });
    await session(url, token, 'query', () => Uint8Array.from([3]));
    await session(url, token, 'update map', upd((d) => d.getMap('fuzz').set('k' + n++, 'v')));
    await session(url, token, 'update server', upd((d) => d.getMap('server').set('k' + n++, 'v')));
    await session(url, token, 'update huishouden map', upd((d) => d.getMap('huishouden').set('m' + n++, new Y.Map())));
    await session(url, token, 'array', upd((d) => d.getArray('acties-lijst').insert(0, ['x'])));
    await session(url, token, 'text', upd((d) => d.getText('situatie-tekst').insert(0, 'x')));
    await session(url, token, 'step2', (doc) => { doc.getText('t').insert(0, 'a'); const e = encoding.createEncoder(); encoding.writeVarUint(e, 0); syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(new Y.Doc())); return encoding.toUint8Array(e); });
  } finally { await s.stop(); }
}
main().catch((e) => { console.error(e); process.exit(1); });
