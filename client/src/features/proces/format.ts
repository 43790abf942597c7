/** Amounts and numbers the Dutch way. */
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const euroWhole = new Intl.NumberFormat('nl-NL', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const decimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "€ 1.250,00" from cents. */
export function formatEuro(cents: number): string {
  return euro.format(cents / 100);
}
/** "€ 1.250" from cents, for chart axes and totals. */
export function formatEuroWhole(cents: number): string {
  return euroWhole.format(cents / 100);
}
export function formatDecimal(n: number): string {
  return decimal.format(n);
}
/** A change with its sign: "+1,5", "−0,5", "0". */
export function formatChange(n: number): string {
  if (n === 0) return '0';
  return `${n > 0 ? '+' : '−'}${decimal.format(Math.abs(n))}`;
}
/** "3 februari 2026 om 14:05" */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d).replace(',', ' om');
}
/** Euros as typed by a Dutch user ("1.250,50", "1250") to cents; null when it is no amount. */
export function parseEuroInput(value: string): number | null {
  const v = value.replace(/[€\s]/g, '').replace(/\./g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return null;
  return Math.round(Number(v) * 100);
}
