import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './collab-cluster';

describe('collab cluster messages', () => {
  it('carry the update-log ids of an update', () => {
    const m = {
      kind: 0 as const,
      from: 'a#1234/1',
      seq: 7,
      sv: new Uint8Array([1, 2]),
      update: new Uint8Array([3, 4, 5]),
      ids: ['41', '9007199254740993'],
    };
    expect(decodeMessage(encodeMessage(m))).toEqual(m);
  });

  it('read an update from an instance that sends no ids yet (a rolling upgrade) as one without ids', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, 'old#1/1');
    encoding.writeVarUint(e, 3);
    encoding.writeVarUint8Array(e, new Uint8Array([1]));
    encoding.writeVarUint8Array(e, new Uint8Array([2]));
    expect(decodeMessage(encoding.toUint8Array(e))).toEqual({
      kind: 0,
      from: 'old#1/1',
      seq: 3,
      sv: new Uint8Array([1]),
      update: new Uint8Array([2]),
      ids: [],
    });
  });

  it('keep heartbeats and awareness as they were', () => {
    const hb = { kind: 2 as const, from: 'b#1/2', seq: 1, sv: new Uint8Array([0]) };
    expect(decodeMessage(encodeMessage(hb))).toEqual(hb);
    const aw = { kind: 1 as const, from: 'b#1/2', update: new Uint8Array([9]) };
    expect(decodeMessage(encodeMessage(aw))).toEqual(aw);
  });
});
