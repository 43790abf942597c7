/**
 * Dutch dates, times, numbers and amounts: one formatter per kind of value,
 * for the whole client. Moments are shown in Amsterdam time (where the
 * wijkteam works, whatever the device's zone); a bare date (YYYY-MM-DD) is a
 * calendar day and never shifts.
 */
import { SPIL_TIME_ZONE } from '@spil/shared';

const tz = { timeZone: SPIL_TIME_ZONE } as const;
const longDate = new Intl.DateTimeFormat('nl-NL', {
  ...tz,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDate = new Intl.DateTimeFormat('nl-NL', {
  ...tz,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const weekdayDate = new Intl.DateTimeFormat('nl-NL', {
  ...tz,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const weekdayDayMonth = new Intl.DateTimeFormat('nl-NL', {
  ...tz,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
const dayMonth = new Intl.DateTimeFormat('nl-NL', { ...tz, day: 'numeric', month: 'long' });
const month = new Intl.DateTimeFormat('nl-NL', { ...tz, month: 'short', year: 'numeric' });
const time = new Intl.DateTimeFormat('nl-NL', { ...tz, hour: '2-digit', minute: '2-digit' });

/**
 * A bare date (YYYY-MM-DD) as noon UTC, which is the same calendar day in
 * Amsterdam in every season; anything else as the moment it names.
 */
function parse(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m
    ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12))
    : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function using(f: Intl.DateTimeFormat): (value: string) => string {
  return (value) => {
    const d = parse(value);
    return d ? f.format(d) : value;
  };
}

/** "24 oktober 2025" */
export const formatDate = using(longDate);
/** "24 okt 2025" */
export const formatDateShort = using(shortDate);
/** "dinsdag 1 december 2026" */
export const formatWeekdayDate = using(weekdayDate);
/** "dinsdag 1 december", for the plain words of Mijn plan. */
export const formatWeekdayDayMonth = using(weekdayDayMonth);
/** "30 november" */
export const formatDayMonth = using(dayMonth);
/** "okt 2026", for chart axes. */
export const formatMonth = using(month);
/** "14:05" */
export const formatTime = using(time);

/** "3 mrt 2026, 14:05": when something was written or done. */
export function formatDateTime(value: string): string {
  const d = parse(value);
  return d ? `${shortDate.format(d)}, ${time.format(d)}` : value;
}

/** "dinsdag 1 december 2026, 10:00–11:00": when an overleg takes place. */
export function formatTimeSpan(start: string, end: string): string {
  const s = parse(start);
  const e = parse(end);
  return s && e ? `${weekdayDate.format(s)}, ${time.format(s)}–${time.format(e)}` : start;
}

/** Today as YYYY-MM-DD in the user's own time zone. */
export function todayIso(now = new Date()): string {
  const y = String(now.getFullYear());
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** "45 minuten", "1 uur", "1 uur en 30 minuten" */
export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} minuten`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} uur` : `${h} uur en ${m} minuten`;
}

const count = new Intl.NumberFormat('nl-NL');
/** "1.250" */
export function formatNumber(n: number): string {
  return count.format(n);
}

/** "1 huishouden", "1.250 huishoudens" */
export function formatCount(n: number, one: string, many: string): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

const decimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
/** "1,5" */
export function formatDecimal(n: number): string {
  return decimal.format(n);
}

/** A change with its sign: "+1,5", "−0,5", "0". */
export function formatChange(n: number): string {
  if (n === 0) return '0';
  return `${n > 0 ? '+' : '−'}${decimal.format(Math.abs(n))}`;
}

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const euroWhole = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
/** "€ 1.250,00" from cents. */
export function formatEuro(cents: number): string {
  return euro.format(cents / 100);
}
/** "€ 1.250" from cents, for chart axes and totals. */
export function formatEuroWhole(cents: number): string {
  return euroWhole.format(cents / 100);
}

/** "1250,50" from cents: an amount in a field to edit, without thousands dots, as `parseEuroInput` reads it back. */
export function formatEuroInput(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = String(Math.abs(cents % 100)).padStart(2, '0');
  return `${cents < 0 && whole === 0 ? '-' : ''}${whole},${rest}`;
}

/** Euros as typed by a Dutch user ("1.250,50", "1250") to cents; null when it is no amount. */
export function parseEuroInput(value: string): number | null {
  const v = value.replace(/[€\s]/g, '').replace(/\./g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return null;
  return Math.round(Number(v) * 100);
}

const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });
/** "34%" from a share 0..1. */
export function formatPercent(share: number): string {
  return percent.format(share);
}
