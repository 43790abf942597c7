/** Dutch dates and numbers, in one place. */
const longDate = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDate = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

function parse(value: string): Date | null {
  // A bare date (YYYY-MM-DD) is a calendar day, not a UTC midnight.
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "24 oktober 2025" */
export function formatDate(value: string): string {
  const d = parse(value);
  return d ? longDate.format(d) : value;
}

/** "24 okt 2025" */
export function formatDateShort(value: string): string {
  const d = parse(value);
  return d ? shortDate.format(d) : value;
}

/** Today as YYYY-MM-DD in the user's own time zone. */
export function todayIso(now = new Date()): string {
  const y = String(now.getFullYear());
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const count = new Intl.NumberFormat('nl-NL');
export function formatNumber(n: number): string {
  return count.format(n);
}
