import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeStoredVector, isStored, mergeVectors, saveState } from './save-status';

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

describe('save status', () => {
  it('is stored only when every local clock is reached', () => {
    const a = new Y.Doc();
    a.getText('t').insert(0, 'hallo');
    const storedNow = decodeStoredVector(base64(Y.encodeStateVector(a)));
    expect(storedNow).not.toBeNull();
    a.getText('t').insert(5, ' wereld');
    const local = Y.decodeStateVector(Y.encodeStateVector(a));
    expect(isStored(local, storedNow ?? new Map<number, number>())).toBe(false);
    const later = decodeStoredVector(base64(Y.encodeStateVector(a))) ?? new Map<number, number>();
    expect(isStored(local, later)).toBe(true);
  });

  it('counts edits of other clients too', () => {
    const local = new Map([
      [1, 10],
      [2, 4],
    ]);
    expect(isStored(local, new Map([[1, 10]]))).toBe(false);
    expect(
      isStored(
        local,
        new Map([
          [1, 12],
          [2, 4],
          [3, 1],
        ]),
      ),
    ).toBe(true);
  });

  it('never lets an older stored vector undo a newer one', () => {
    const merged = mergeVectors(
      new Map([[1, 10]]),
      new Map([
        [1, 7],
        [2, 3],
      ]),
    );
    expect([...merged]).toEqual([
      [1, 10],
      [2, 3],
    ]);
  });

  it('rejects garbage', () => {
    expect(decodeStoredVector('%%%')).toBeNull();
  });

  it('says offline only after a connection was there, and opgeslagen only when connected and stored', () => {
    expect(
      saveState({ connection: 'connecting', everConnected: false, refused: false, stored: true }),
    ).toBe('verbinden');
    expect(
      saveState({ connection: 'disconnected', everConnected: true, refused: false, stored: true }),
    ).toBe('offline');
    expect(
      saveState({ connection: 'connected', everConnected: true, refused: false, stored: false }),
    ).toBe('opslaan');
    expect(
      saveState({ connection: 'connected', everConnected: true, refused: false, stored: true }),
    ).toBe('opgeslagen');
    expect(
      saveState({ connection: 'connected', everConnected: true, refused: true, stored: true }),
    ).toBe('geweigerd');
  });
});
