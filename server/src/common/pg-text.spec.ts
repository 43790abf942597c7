import { describe, expect, it } from 'vitest';
import { nulPath, withoutNul } from './pg-text';

describe('text for PostgreSQL', () => {
  it('drops U+0000 and leaves other text as it is', () => {
    expect(withoutNul('Hulp\u0000 bij\u0000 de huur')).toBe('Hulp bij de huur');
    expect(withoutNul('Gewone tekst ✓')).toBe('Gewone tekst ✓');
  });

  it('names where request input holds U+0000, keys included', () => {
    expect(nulPath({ reason: 'goed', nested: [{ titel: 'x' }, { titel: 'a\u0000b' }] })).toBe(
      'nested.1.titel',
    );
    expect(nulPath({ 'sleu\u0000tel': 1 })).toBe('sleutel');
    expect(nulPath('\u0000')).toBe('');
    expect(nulPath({ a: ['b', { c: 'd' }], n: 5, z: null })).toBeNull();
  });
});
