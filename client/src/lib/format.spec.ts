import { describe, expect, it } from 'vitest';
import {
  formatChange,
  formatCount,
  formatDate,
  formatDateShort,
  formatDateTime,
  formatDayMonth,
  formatDuration,
  formatEuro,
  formatEuroWhole,
  formatMonth,
  formatPercent,
  formatTimeSpan,
  formatWeekdayDayMonth,
  formatEuroInput,
  parseEuroInput,
  todayIso,
} from './format';

describe('format', () => {
  it('writes dates the Dutch way', () => {
    expect(formatDate('2026-03-05')).toBe('5 maart 2026');
    expect(formatDateShort('2026-10-24')).toMatch(/^24 okt\.? 2026$/);
    expect(formatDayMonth('2026-11-30')).toBe('30 november');
    expect(formatWeekdayDayMonth('2026-12-15')).toBe('dinsdag 15 december');
    expect(formatMonth('2026-10-01')).toMatch(/^okt\.? 2026$/);
  });

  it('reads a bare date as a calendar day, whatever the time zone', () => {
    expect(formatDate('2026-01-01')).toBe('1 januari 2026');
    expect(formatDate('2026-07-31')).toBe('31 juli 2026');
  });

  it('shows moments in Amsterdam time', () => {
    // 23:30 UTC on 31 March is 1 April in Amsterdam (summer time).
    expect(formatDate('2026-03-31T23:30:00Z')).toBe('1 april 2026');
    expect(formatDateTime('2026-03-03T13:05:00Z')).toMatch(/^3 mrt\.? 2026, 14:05$/);
    expect(formatTimeSpan('2026-12-01T09:00:00Z', '2026-12-01T10:30:00Z')).toBe(
      'dinsdag 1 december 2026, 10:00–11:30',
    );
  });

  it('leaves what it cannot read as it is', () => {
    expect(formatDate('morgen')).toBe('morgen');
    expect(formatDateTime('morgen')).toBe('morgen');
  });

  it('gives today as YYYY-MM-DD', () => {
    expect(todayIso(new Date(2026, 1, 3, 23, 59))).toBe('2026-02-03');
  });

  it('writes durations and counts', () => {
    expect(formatDuration(45)).toBe('45 minuten');
    expect(formatDuration(60)).toBe('1 uur');
    expect(formatDuration(90)).toBe('1 uur en 30 minuten');
    expect(formatCount(1, 'huishouden', 'huishoudens')).toBe('1 huishouden');
    expect(formatCount(1250, 'huishouden', 'huishoudens')).toBe('1.250 huishoudens');
  });

  it('writes amounts in Dutch', () => {
    expect(formatEuro(125_050)).toMatch(/^€\s?1\.250,50$/);
    expect(formatEuroWhole(7_000_000)).toMatch(/^€\s?70\.000$/);
    expect(formatPercent(4_000 / 121_000)).toMatch(/^3\s?%$/);
    expect(formatPercent(0.345)).toMatch(/^35\s?%$/);
  });

  it('writes changes with a sign', () => {
    expect(formatChange(1.5)).toBe('+1,5');
    expect(formatChange(-0.25)).toBe('−0,25');
    expect(formatChange(0)).toBe('0');
  });

  it('writes an amount to edit so that it reads back the same', () => {
    expect(formatEuroInput(1_500_000)).toBe('15000,00');
    expect(formatEuroInput(7_850)).toBe('78,50');
    expect(formatEuroInput(5)).toBe('0,05');
    for (const cents of [0, 5, 7_850, 125_050, 1_500_000])
      expect(parseEuroInput(formatEuroInput(cents))).toBe(cents);
  });

  it('reads amounts as typed', () => {
    expect(parseEuroInput('1.250,50')).toBe(125_050);
    expect(parseEuroInput('€ 700')).toBe(70_000);
    expect(parseEuroInput('12,5')).toBe(1_250);
    expect(parseEuroInput('twaalf')).toBeNull();
    expect(parseEuroInput('1,234')).toBeNull();
  });
});
