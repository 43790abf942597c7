import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';
import type { LogRow } from './update-log';

type Item = { update: Uint8Array; userId: string | null };

/** A room as the writer sees it, recording what it is told. */
function target(name: string) {
  const committed: number[][] = [];
  return {
    name,
    broken: false,
    committed(items: Item[]) {
      committed.push(items.map((i) => i.update[0] as number));
    },
    fail() {
      throw new Error('not expected');
    },
    batches: committed,
  };
}

const item = (n: number): Item => ({ update: Uint8Array.of(n), userId: null });

describe('GroupCommit pacing', () => {
  it('writes the first update after a quiet spell at once, then what arrives within the interval in one write', async () => {
    const writes: { at: number; rows: number }[] = [];
    const t0 = performance.now();
    const log = {
      appendRows: async (rows: LogRow[]) => {
        writes.push({ at: performance.now() - t0, rows: rows.length });
        return rows.map((_, i) => String(writes.length * 1000 + i));
      },
    };
    const writer = new GroupCommit<Item>(log, 40);
    const a = target('a');
    const b = target('b');
    writer.add(a, item(1));
    // Written at once: the write started within add().
    expect(writes).toHaveLength(1);
    await writer.idle();
    // Three updates right after the first write: they wait for the interval and go out together.
    writer.add(a, item(2));
    writer.add(b, item(3));
    writer.add(a, item(4));
    await writer.idle();
    expect(writes.map((w) => w.rows)).toEqual([1, 3]);
    expect((writes[1]?.at ?? 0) - (writes[0]?.at ?? 0)).toBeGreaterThanOrEqual(35);
    expect(a.batches).toEqual([[1], [2, 4]]);
    expect(b.batches).toEqual([[3]]);
    // After a quiet spell longer than the interval: at once again.
    await new Promise((r) => setTimeout(r, 60));
    writer.add(b, item(5));
    expect(writes).toHaveLength(3);
    await writer.idle();
  });
});
