import { describe, expect, it } from 'vitest';
import { fieldPresence, localChange, transformIndex } from './text-binding';

describe('transformIndex', () => {
  it('moves an index past remote inserts and deletions before it', () => {
    expect(transformIndex(5, [{ insert: 'abc' }])).toBe(8);
    expect(transformIndex(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5);
    expect(transformIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    // Inside a deleted range: to where it began.
    expect(transformIndex(5, [{ retain: 3 }, { delete: 5 }])).toBe(3);
    // An insert exactly at the index: after it (1) or before it (-1).
    expect(transformIndex(5, [{ retain: 5 }, { insert: 'x' }], 1)).toBe(6);
    expect(transformIndex(5, [{ retain: 5 }, { insert: 'x' }], -1)).toBe(5);
  });
});

describe('localChange', () => {
  it('counts the limit in characters: an emoji is one', () => {
    expect(localChange('😀😀', '😀😀😀', 6, 3)).toEqual({ index: 4, remove: 0, insert: '😀' });
    // A paste beyond the limit keeps what fits.
    expect(localChange('ab', 'ab😀cd', 6, 4)).toEqual({ index: 2, remove: 0, insert: '😀c' });
    expect(localChange('abcd', 'abcdX', 5, 4)).toBeNull();
    // Replacing within the limit is fine.
    expect(localChange('abcd', 'abXd', 3, 4)).toEqual({ index: 2, remove: 1, insert: 'X' });
  });
});

describe('fieldPresence', () => {
  it('names the others in this field, once each, never me', () => {
    const states = new Map<number, Record<string, unknown>>([
      [1, { user: { name: 'Ik', color: '#111111' }, field: { field: 'acties/a/titel' } }],
      [2, { user: { name: 'Pieter', color: '#222222' }, field: { field: 'acties/a/titel' } }],
      [3, { user: { name: 'Pieter', color: '#222222' }, field: { field: 'acties/a/titel' } }],
      [4, { user: { name: 'Samira', color: '#333333' }, field: { field: 'acties/b/titel' } }],
      [5, { user: { name: 'Anna', color: '#444444' }, field: null }],
    ]);
    expect(fieldPresence(states, 1, 'acties/a/titel').map((p) => p.name)).toEqual(['Pieter']);
  });
});
