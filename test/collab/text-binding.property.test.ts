/**
 * Property of the plain-field binding's logic (client/src/features/plan/
 * text-binding.ts, `fieldEdit`), on real Yjs documents without a browser:
 * several people edit the same bound field at once (typing, deleting, IME
 * compositions during which remote edits arrive), their updates are delivered
 * in random order with disconnects in between. Afterwards every replica and
 * every field show the same text, and every character someone typed and
 * nobody deleted is in it (each insert carries a unique marker that nobody
 * deletes: every marker is there, once and whole).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanDoc } from '@spil/shared';
import { applyFieldEdit, type Delta, fieldEdit } from '../../client/src/features/plan/text-binding';

const PEOPLE = 3;

type Op =
  | { kind: 'type'; c: number; at: number; text: string }
  | { kind: 'delete'; c: number; at: number; len: number }
  | { kind: 'composeStart'; c: number; at: number; text: string }
  | { kind: 'composeEnd'; c: number }
  | { kind: 'deliver'; pick: number }
  | { kind: 'disconnect'; c: number }
  | { kind: 'reconnect'; c: number };

const person = fc.integer({ min: 0, max: PEOPLE - 1 });
const at = fc.double({ min: 0, max: 1, noNaN: true });
const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'é', ' ', '😀'), maxLength: 4 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('type' as const), c: person, at, text: letters }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      c: person,
      at,
      len: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('composeStart' as const),
      c: person,
      at,
      text: letters,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('composeEnd' as const), c: person }) },
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), c: person }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), c: person }) },
);

/** One person's browser: a replica of the plan and the bound field as the binding keeps it. */
interface Person {
  doc: Y.Doc;
  text: Y.Text;
  /** What the element shows. */
  el: string;
  /** What it showed when it last matched the Y.Text. */
  shadow: string;
  composing: boolean;
  pending: Delta[];
  online: boolean;
}

/** Marker spans `[n]` in a string: never typed into, never deleted. */
const MARKER = /\[\d+\]/g;
function outsideMarkers(s: string, pos: number): number {
  for (const m of s.matchAll(MARKER)) {
    const start = m.index;
    const end = start + m[0].length;
    if (pos > start && pos < end) return end;
  }
  // Never between the two halves of a surrogate pair.
  const c = s.charCodeAt(pos - 1);
  return c >= 0xd800 && c <= 0xdbff ? pos + 1 : pos;
}

describe('plain-field binding (fieldEdit) on Yjs', () => {
  it('converges, and keeps every character typed that nobody deleted', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 80 }), (ops) => {
        const base = new Y.Doc();
        const id = new PlanDoc(base).addActie({ titel: 'Bel', inschakelen: 'Als het misgaat' });
        const start = Y.encodeStateAsUpdate(base);
        /** Messages in flight: from, to, update. */
        const wire: { from: number; to: number; update: Uint8Array }[] = [];
        const people: Person[] = [];
        for (let i = 0; i < PEOPLE; i++) {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, start);
          const text = new PlanDoc(doc).textField('acties', id, 'inschakelen') as Y.Text;
          const p: Person = {
            doc,
            text,
            el: text.toJSON(),
            shadow: text.toJSON(),
            composing: false,
            pending: [],
            online: true,
          };
          doc.on('update', (u: Uint8Array, origin: unknown) => {
            if (origin === 'remote') return;
            for (let j = 0; j < PEOPLE; j++) if (j !== i) wire.push({ from: i, to: j, update: u });
          });
          text.observe((event, tr) => {
            if (tr.origin !== 'remote') return;
            if (p.composing) p.pending.push(event.delta);
            else p.el = p.shadow = text.toJSON();
          });
          people.push(p);
        }
        const flush = (p: Person, caret?: number) => {
          const edit = fieldEdit(p.shadow, p.el, caret, p.pending);
          p.pending = [];
          if (edit) p.doc.transact(() => applyFieldEdit(p.text, edit), 'local');
          p.el = p.shadow = p.text.toJSON();
        };
        const deliver = (i: number) => {
          const [m] = wire.splice(i, 1);
          if (m) Y.applyUpdate((people[m.to] as Person).doc, m.update, 'remote');
        };
        const deliverable = () =>
          wire
            .map((m, i) => ({ m, i }))
            .filter(({ m }) => people[m.from]?.online && people[m.to]?.online);

        let markers = 0;
        const typed: string[] = [];
        /** Each insert's neighbours when it was typed: it must land between them. */
        const between: { marker: string; left: string | null; right: string | null }[] = [];
        for (const o of ops) {
          if (o.kind === 'deliver') {
            const ready = deliverable();
            if (ready.length > 0) deliver((ready[o.pick % ready.length] as { i: number }).i);
            continue;
          }
          const p = people[o.c] as Person;
          if (o.kind === 'disconnect') p.online = false;
          else if (o.kind === 'reconnect') p.online = true;
          else if (o.kind === 'composeEnd') {
            if (p.composing) {
              p.composing = false;
              flush(p);
            }
          } else if (p.composing) {
            // While composing, the person only composes.
            continue;
          } else if (o.kind === 'delete') {
            const from = Math.floor(o.at * p.el.length);
            let len = 0;
            // Only plain letters, never a marker or half a surrogate pair.
            while (
              len < o.len &&
              from + len < p.el.length &&
              /[abé ]/.test(p.el[from + len] as string)
            )
              len++;
            if (len === 0) continue;
            p.el = p.el.slice(0, from) + p.el.slice(from + len);
            flush(p, from);
          } else {
            const pos = outsideMarkers(p.el, Math.floor(o.at * p.el.length));
            const marker = `[${markers++}]`;
            typed.push(marker);
            const around = [...p.el.matchAll(MARKER)];
            between.push({
              marker,
              left: around.filter((m) => m.index + m[0].length <= pos).at(-1)?.[0] ?? null,
              right: around.find((m) => m.index >= pos)?.[0] ?? null,
            });
            const insert = marker + o.text;
            p.el = p.el.slice(0, pos) + insert + p.el.slice(pos);
            if (o.kind === 'composeStart') p.composing = true;
            else flush(p, pos + insert.length);
          }
        }
        // Everyone finishes, comes back online, and everything arrives.
        for (const p of people) {
          p.online = true;
          if (p.composing) {
            p.composing = false;
            flush(p);
          }
        }
        while (wire.length > 0) deliver(Math.floor(Math.random() * wire.length));

        const final = (people[0] as Person).text.toJSON();
        for (const p of people) {
          expect(p.text.toJSON()).toBe(final);
          expect(p.el).toBe(final);
        }
        for (const m of typed) expect(final.split(m).length - 1, `${m} in ${final}`).toBe(1);
        // And where it was typed: between the markers around it then, whatever came in meanwhile.
        for (const b of between) {
          const at = final.indexOf(b.marker);
          if (b.left)
            expect(final.indexOf(b.left), `${b.left} before ${b.marker}`).toBeLessThan(at);
          if (b.right)
            expect(final.indexOf(b.right), `${b.right} after ${b.marker}`).toBeGreaterThan(at);
        }
      }),
      { numRuns: 300 },
    );
  });
});
