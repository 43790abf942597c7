import { describe, expect, it } from 'vitest';
import { formatDate, formatDateShort, todayIso } from './format';

describe('format', () => {
  it('writes dates the Dutch way', () => {
    expect(formatDate('2026-03-05')).toBe('5 maart 2026');
    expect(formatDateShort('2026-10-24')).toMatch(/^24 okt\.? 2026$/);
  });

  it('reads a bare date as a calendar day, whatever the time zone', () => {
    expect(formatDate('2026-01-01')).toBe('1 januari 2026');
  });

  it('leaves what it cannot read as it is', () => {
    expect(formatDate('morgen')).toBe('morgen');
  });

  it('gives today as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2026, 1, 3, 23, 59))).toBe('2026-02-03');
  });
});
