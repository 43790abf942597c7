import { type MeetingDto, SPIL_TIME_ZONE } from '@spil/shared';

const dayFormat = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: SPIL_TIME_ZONE,
});
const timeFormat = new Intl.DateTimeFormat('nl-NL', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: SPIL_TIME_ZONE,
});
const shortFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: SPIL_TIME_ZONE,
});

/** "dinsdag 1 december 2026, 10:00–11:00" (Amsterdam time, as planned). */
export function meetingWhen(m: Pick<MeetingDto, 'startsAt' | 'endsAt'>): string {
  const start = new Date(m.startsAt);
  return `${dayFormat.format(start)}, ${timeFormat.format(start)}–${timeFormat.format(new Date(m.endsAt))}`;
}

/** "1 dec 2026 10:00" */
export function dateTimeShort(iso: string): string {
  return shortFormat.format(new Date(iso));
}

export function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} minuten`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} uur` : `${h} uur en ${m} minuten`;
}
