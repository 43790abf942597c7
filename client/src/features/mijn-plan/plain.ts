/**
 * Plain Dutch (B1) for Mijn plan: short words for statuses and dates, the
 * way the inwoner says them.
 */
import type { ActieStatus } from '@spil/shared';
import { formatDayMonth, formatWeekdayDayMonth } from '../../lib/format';
import type { SaveState } from '../plan/save-status';

export const STATUS_EENVOUDIG: Record<ActieStatus, string> = {
  open: 'Nog niet begonnen',
  bezig: 'Bezig',
  gereed: 'Klaar',
  geblokkeerd: 'Loopt vast',
  vervallen: 'Gaat niet door',
};

export const SAVE_EENVOUDIG: Record<SaveState, string> = {
  verbinden: 'Even geduld…',
  offline: 'Geen internet. Wat je nu toevoegt, wordt later verstuurd.',
  opslaan: 'Bezig met bewaren…',
  opgeslagen: 'Alles is bewaard.',
  geweigerd: 'Je kunt het plan nu niet openen. Log opnieuw in.',
};

/** "dinsdag 14 december om 19.00 uur", from a date (YYYY-MM-DD) and time (HH:MM) in Amsterdam. */
export function wanneer(date: string, time: string): string {
  return `${formatWeekdayDayMonth(date)} om ${time.replace(':', '.')} uur`;
}

/** "30 november", for a due date (YYYY-MM-DD). */
export function uiterlijk(date: string): string {
  return formatDayMonth(date);
}

/** "vandaag", "gisteren", "3 dagen geleden", or a date, for when something was written. */
export function geleden(iso: string, now = new Date()): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(t)) / 86400_000);
  if (days <= 0) return 'vandaag';
  if (days === 1) return 'gisteren';
  if (days < 7) return `${days} dagen geleden`;
  return formatDayMonth(iso);
}

/** The first name, for short sentences ("Anouk helpt"). */
export function voornaam(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
