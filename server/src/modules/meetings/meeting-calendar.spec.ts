import { describe, expect, it } from 'vitest';
import type { MeetingDto } from '@spil/shared';
import { meetingsCalendar } from './meeting-calendar';

const base: MeetingDto = {
  id: '5d0c3a1e-2b7f-4e8a-9c61-0f3e4d5a6b7c',
  householdId: '0b7e8a36-3f5e-4c55-9a53-1d2f2b4c9e01',
  householdName: 'Gezin Testmans',
  kind: 'mdo',
  title: 'MDO',
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-01T10:00:00.000Z',
  date: '2026-12-01',
  time: '10:00',
  durationMinutes: 60,
  location: 'Wijkcentrum Oosterpark',
  onlineUrl: null,
  status: 'gepland',
  agenda: [
    {
      id: '6d0c3a1e-2b7f-4e8a-9c61-0f3e4d5a6b7c',
      titel: 'Schulden van het gezin',
      toelichting: '',
      bron: 'vrij',
      refId: null,
    },
  ],
  participants: [],
  decisions: [],
  notesDocName: 'x',
  canEdit: true,
  createdById: '11111111-1111-4111-8111-111111111111',
  createdByName: 'Johan',
  createdAt: '2026-11-01T00:00:00.000Z',
};

describe('meetingsCalendar', () => {
  // RFC 5545 folds long lines at 75 octets; unfold to read.
  const ics = meetingsCalendar(
    [
      { meeting: base, sequence: 2, reference: 'SPW-2026-0101' },
      {
        meeting: {
          ...base,
          id: '7d0c3a1e-2b7f-4e8a-9c61-0f3e4d5a6b7c',
          startsAt: '2026-07-01T12:00:00.000Z',
          endsAt: '2026-07-01T12:45:00.000Z',
          status: 'geannuleerd',
        },
        sequence: 0,
        reference: 'SPW-2026-0101',
      },
    ],
    { name: 'Spil', origin: 'https://spil.example.test' },
  ).replace(/\r\n /g, '');

  it('writes Amsterdam wall-clock times with their time zone, summer and winter, and UTC stamps', () => {
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam');
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20261201T100000');
    expect(ics).toContain('DTEND;TZID=Europe/Amsterdam:20261201T110000');
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20260701T140000');
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(ics.match(/BEGIN:VTIMEZONE/g)?.length).toBe(1);
  });

  it('keeps the family name and the agenda out of the calendar, and links back to Spil', () => {
    expect(ics).toContain('SUMMARY:MDO (SPW-2026-0101)');
    expect(ics).not.toContain('Testmans');
    expect(ics).not.toContain('Schulden');
    expect(ics).toContain(
      'https://spil.example.test/huishoudens/0b7e8a36-3f5e-4c55-9a53-1d2f2b4c9e01/overleg/5d0c3a1e-2b7f-4e8a-9c61-0f3e4d5a6b7c',
    );
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toContain('STATUS:CANCELLED');
  });
});
