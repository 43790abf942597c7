/**
 * Calendar export (iCalendar, RFC 5545) of overlegmomenten with
 * ical-generator. Times carry TZID=Europe/Amsterdam with its VTIMEZONE, so a
 * calendar shows 14:00 as 14:00 whatever the server's own time zone.
 *
 * Privacy: a calendar leaves Spil (phones, cloud calendars). An entry names
 * the kind of overleg and the household's reference, never the family's name
 * or the agenda; those stay in Spil behind the link.
 */
import ical, { ICalCalendarMethod, type ICalDayJsStub, ICalEventStatus } from 'ical-generator';
import {
  amsterdamWallClock,
  MEETING_KIND_DESCRIPTIONS,
  MEETING_KIND_LABELS,
  type MeetingDto,
  SPIL_TIME_ZONE,
} from '@spil/shared';

/** Europe/Amsterdam as RFC 5545 rules (CET/CEST since 1996; EU rules). */
const VTIMEZONE_AMSTERDAM = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'X-LIC-LOCATION:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * An instant that ical-generator formats as Amsterdam wall-clock time: the
 * library's own date-object interface (its "dayjs" stub), so no date library
 * is needed for one zone.
 */
class AmsterdamTime implements ICalDayJsStub {
  constructor(
    private readonly instant: Date,
    private readonly zone: 'amsterdam' | 'utc' = 'utc',
  ) {}
  tz(zone?: string): AmsterdamTime {
    if (zone && zone !== SPIL_TIME_ZONE && zone !== 'UTC')
      throw new RangeError(`Onbekende tijdzone ${zone}`);
    return new AmsterdamTime(this.instant, zone === 'UTC' ? 'utc' : 'amsterdam');
  }
  utc(): AmsterdamTime {
    return new AmsterdamTime(this.instant, 'utc');
  }
  format(fmt?: string): string {
    const d = this.instant;
    const w =
      this.zone === 'amsterdam'
        ? amsterdamWallClock(d)
        : {
            year: d.getUTCFullYear(),
            month: d.getUTCMonth() + 1,
            day: d.getUTCDate(),
            hour: d.getUTCHours(),
            minute: d.getUTCMinutes(),
            second: d.getUTCSeconds(),
          };
    if (fmt === 'YYYYMMDD') return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}`;
    if (fmt === 'HHmmss') return `${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
    return d.toISOString();
  }
  isValid(): boolean {
    return !Number.isNaN(this.instant.getTime());
  }
  toDate(): Date {
    return new Date(this.instant);
  }
  toJSON(): string {
    return this.instant.toISOString();
  }
}

export interface CalendarEntry {
  meeting: MeetingDto;
  /** Bumped on every change, so calendars replace the entry. */
  sequence: number;
  /** The household's reference code (never its name). */
  reference: string;
}

export function meetingUrl(origin: string, m: Pick<MeetingDto, 'householdId' | 'id'>): string {
  return `${origin}/huishoudens/${m.householdId}/overleg/${m.id}`;
}

/**
 * One VCALENDAR with an event per meeting. `origin` is where Spil is reached,
 * for the links back to each meeting.
 */
export function meetingsCalendar(
  entries: CalendarEntry[],
  opts: { name: string; origin: string },
): string {
  const cal = ical({
    name: opts.name,
    prodId: { company: 'Spil', product: 'Overlegmomenten', language: 'NL' },
    method: ICalCalendarMethod.PUBLISH,
    // Only the generator: DTSTAMP stays UTC; events carry their own TZID.
    timezone: {
      name: null,
      generator: (tz) => (tz === SPIL_TIME_ZONE ? VTIMEZONE_AMSTERDAM : null),
    },
    ttl: 60 * 60,
  });
  for (const { meeting: m, sequence, reference } of entries) {
    const url = meetingUrl(opts.origin, m);
    const lines = [
      `${MEETING_KIND_LABELS[m.kind]}: ${MEETING_KIND_DESCRIPTIONS[m.kind].toLowerCase()}.`,
      m.onlineUrl ? `Online: ${m.onlineUrl}` : null,
      `Agenda, deelnemers en notities in Spil: ${url}`,
    ].filter((l): l is string => !!l);
    cal.createEvent({
      id: `${m.id}@spil`,
      sequence,
      start: new AmsterdamTime(new Date(m.startsAt)),
      end: new AmsterdamTime(new Date(m.endsAt)),
      timezone: SPIL_TIME_ZONE,
      stamp: new Date(),
      summary: `${m.title} (${reference})`,
      description: lines.join('\n'),
      location: m.location ?? m.onlineUrl ?? null,
      url,
      status: m.status === 'geannuleerd' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
