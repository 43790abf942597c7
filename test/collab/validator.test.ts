/**
 * The validation worker's time budget: an update that takes too long gets
 * its worker terminated and replaced, and the next update of the same
 * document is checked against a rebuilt mirror.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateValidator, ValidationFailed } from '../../server/src/collab/update-validator';
import type { WriteRules } from '../../server/src/collab/update-check';

const rules: WriteRules = {
  write: 'all',
  householdRoots: ['huishouden'],
  serverRoot: 'server',
  reservedClient: 1,
};

describe('update validator', () => {
  let v: UpdateValidator | null = null;
  afterEach(async () => {
    await v?.close();
    v = null;
  });

  it('replaces a worker that overruns its budget and goes on with a rebuilt mirror', async () => {
    v = new UpdateValidator({ budgetMs: 30, budgetPerKiBMs: 0 });
    const base = new Y.Doc();
    base.getText('notes').insert(0, 'begin');
    const seed = () => [Y.encodeStateAsUpdate(base)];

    const small = (text: string) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
      const sv = Y.encodeStateVector(d);
      d.getText('notes').insert(0, text);
      return Y.encodeStateAsUpdate(d, sv);
    };
    const first = await v.validate('doc-1', 1, small('a'), rules, 1 << 24, seed);
    expect(first.status).toBe('accepted');

    // Tens of thousands of separately placed characters: far more work than 30 ms.
    const heavy = new Y.Doc();
    Y.applyUpdate(heavy, Y.encodeStateAsUpdate(base));
    const sv = Y.encodeStateVector(heavy);
    heavy.transact(() => {
      const t = heavy.getText('notes');
      for (let i = 0; i < 60_000; i++) t.insert(i % 2 ? 0 : t.length, 'ab');
    });
    const slow = Y.encodeStateAsUpdate(heavy, sv);
    const started = Date.now();
    const err = await v.validate('doc-1', 1, slow, rules, 1 << 24, seed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect((err as ValidationFailed).reason).toBe('timeout');
    console.log(`[validator] slow update cut off after ${Date.now() - started} ms`);

    // The replacement worker rebuilds its mirror from the seed and checks the next update.
    const after = await v.validate('doc-1', 1, small('b'), rules, 1 << 24, seed);
    expect(after.status).toBe('accepted');
  });

  it('answers malformed input with a rejection, not a failure', async () => {
    v = new UpdateValidator();
    const seed = () => [Y.encodeStateAsUpdate(new Y.Doc())];
    for (const bytes of [
      [1, 2, 3],
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
      [1, 1, 5, 0, 0x84, 7],
    ]) {
      const r = await v.validate('doc-2', 1, new Uint8Array(bytes), rules, 1 << 24, seed);
      expect(r.status, JSON.stringify(bytes)).toBe('rejected');
    }
  });
});
