/**
 * The validation worker's time budget, in CPU time of the worker thread: an
 * update that uses it up gets its worker terminated and replaced (`timeout`,
 * final for the sender), and the next update of the same document is checked
 * against a rebuilt mirror. A check that only waits for a core (a busy
 * machine) is never blamed on the update: it finishes, or after `maxWaitMs`
 * is given up as `overloaded` (the sender may reconnect).
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
    v = new UpdateValidator({ budgetMs: 30, budgetPerKiBMs: 0, seedBudgetMs: 0 });
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

  const small = (base: Y.Doc, text: string): Uint8Array => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(base));
    const sv = Y.encodeStateVector(d);
    d.getText('notes').insert(0, text);
    return Y.encodeStateAsUpdate(d, sv);
  };

  /** Tens of thousands of separately placed characters: far more work than 30 ms of CPU. */
  const heavyUpdate = (base: Y.Doc): Uint8Array => {
    const heavy = new Y.Doc();
    Y.applyUpdate(heavy, Y.encodeStateAsUpdate(base));
    const sv = Y.encodeStateVector(heavy);
    heavy.transact(() => {
      const t = heavy.getText('notes');
      for (let i = 0; i < 60_000; i++) t.insert(i % 2 ? 0 : t.length, 'ab');
    });
    return Y.encodeStateAsUpdate(heavy, sv);
  };

  it('does not blame an update for wall time it spent waiting for a core', async () => {
    // As if the machine were so busy that the worker thread never got the CPU: wall time passes, CPU time does not.
    v = new UpdateValidator({
      budgetMs: 30,
      budgetPerKiBMs: 0,
      seedBudgetMs: 0,
      threadCpuMs: () => 0,
    });
    const base = new Y.Doc();
    base.getText('notes').insert(0, 'begin');
    const seed = () => [Y.encodeStateAsUpdate(base)];
    // The first check of a document builds the mirror (with a budget of its own); the heavy one comes second.
    expect((await v.validate('doc-3', 1, small(base, 'a'), rules, 1 << 24, seed)).status).toBe(
      'accepted',
    );
    const started = Date.now();
    const r = await v.validate('doc-3', 1, heavyUpdate(base), rules, 1 << 24, seed);
    expect(r.status).toBe('accepted');
    expect(Date.now() - started).toBeGreaterThan(30);
  });

  it('gives up a check that waits too long for a core as overloaded, not as hostile', async () => {
    v = new UpdateValidator({
      budgetMs: 30,
      budgetPerKiBMs: 0,
      seedBudgetMs: 0,
      maxWaitMs: 60,
      threadCpuMs: () => 0,
    });
    const base = new Y.Doc();
    base.getText('notes').insert(0, 'begin');
    const seed = () => [Y.encodeStateAsUpdate(base)];
    expect((await v.validate('doc-4', 1, small(base, 'a'), rules, 1 << 24, seed)).status).toBe(
      'accepted',
    );
    const err = await v
      .validate('doc-4', 1, heavyUpdate(base), rules, 1 << 24, seed)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect((err as ValidationFailed).reason).toBe('overloaded');
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

  it('starts its worker with the first job and ends it, with its mirrors, after a quiet spell', async () => {
    v = new UpdateValidator({ idleMs: 300 });
    expect(v.running).toBe(0);
    v.drop('doc-5'); // nothing to forget: no worker is started for it
    expect(v.running).toBe(0);
    const base = new Y.Doc();
    base.getText('notes').insert(0, 'begin');
    const seed = () => [Y.encodeStateAsUpdate(base)];
    expect((await v.validate('doc-5', 1, small(base, 'a'), rules, 1 << 24, seed)).status).toBe(
      'accepted',
    );
    expect(v.running).toBe(1);
    await expect.poll(() => v?.running, { timeout: 5000 }).toBe(0);
    // The next job starts a fresh worker, which rebuilds the mirror from the seed.
    expect((await v.validate('doc-5', 1, small(base, 'b'), rules, 1 << 24, seed)).status).toBe(
      'accepted',
    );
    expect(v.running).toBe(1);
  });
});
