import { describe, expect, it } from 'vitest';
import {
  amsterdamDate,
  amsterdamInstant,
  amsterdamTime,
  consentCovers,
  consentStatus,
  CreateConsentRequest,
  CreateMeetingRequest,
  draftAgenda,
} from './casus';
import type { Actie } from './plan';

describe('time in Amsterdam', () => {
  it('turns a wall-clock date and time into the instant, summer and winter', () => {
    expect(amsterdamInstant('2026-07-01', '14:30').toISOString()).toBe('2026-07-01T12:30:00.000Z');
    expect(amsterdamInstant('2026-12-01', '09:00').toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(amsterdamDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(amsterdamTime(new Date('2026-07-01T12:30:00Z'))).toBe('14:30');
  });
  it('handles the hours around the clock changes', () => {
    // 25 October 2026: 02:30 happens twice; the first is still summer time.
    expect(amsterdamInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // 29 March 2026: 02:30 does not exist; it moves on to 03:30 summer time.
    expect(amsterdamInstant('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(() => amsterdamInstant('1-2-3', '9:00')).toThrow(RangeError);
  });
});

const consent = {
  informationKinds: ['medisch' as const],
  sharedWithDomains: ['sociaal' as const],
  sharedWithOrganisations: ['Gemeente Spilwijk'],
  validFrom: '2026-01-01',
  validUntil: '2026-12-31' as string | null,
  withdrawnAt: null as string | null,
};

describe('consent', () => {
  it('has a status by date and withdrawal', () => {
    expect(consentStatus(consent, '2025-12-31')).toBe('nog-niet-geldig');
    expect(consentStatus(consent, '2026-01-01')).toBe('actief');
    expect(consentStatus(consent, '2026-12-31')).toBe('actief');
    expect(consentStatus(consent, '2027-01-01')).toBe('verlopen');
    expect(consentStatus({ ...consent, validUntil: null }, '2099-01-01')).toBe('actief');
    expect(consentStatus({ ...consent, withdrawnAt: '2026-03-01T10:00:00Z' }, '2026-06-01')).toBe(
      'ingetrokken',
    );
  });
  it('covers a professional by domain or organisation, for the kinds it names, while active', () => {
    const today = '2026-06-01';
    expect(
      consentCovers(consent, { domain: 'sociaal', organisation: 'Wijkteam' }, 'medisch', today),
    ).toBe(true);
    expect(
      consentCovers(
        consent,
        { domain: 'medisch', organisation: ' gemeente spilwijk ' },
        'medisch',
        today,
      ),
    ).toBe(true);
    expect(
      consentCovers(consent, { domain: 'medisch', organisation: 'Thuiszorg' }, 'medisch', today),
    ).toBe(false);
    expect(
      consentCovers(consent, { domain: 'sociaal', organisation: 'Wijkteam' }, 'financien', today),
    ).toBe(false);
    expect(
      consentCovers(
        { ...consent, withdrawnAt: '2026-05-01T00:00:00Z' },
        { domain: 'sociaal', organisation: 'X' },
        'medisch',
        today,
      ),
    ).toBe(false);
    expect(
      consentCovers(consent, { domain: 'sociaal', organisation: 'X' }, 'medisch', '2027-01-02'),
    ).toBe(false);
  });
  it('asks for a domain or organisation, a sane period and the capacity of a representative', () => {
    const base = {
      givenBy: 'inwoner',
      givenByName: 'S. Bakker',
      informationKinds: ['medisch'],
      purpose: 'Afstemming zorg',
      validFrom: '2026-01-01',
    };
    expect(
      CreateConsentRequest.safeParse({ ...base, sharedWithDomains: ['sociaal'] }).success,
    ).toBe(true);
    expect(CreateConsentRequest.safeParse(base).error?.issues[0]?.path).toEqual([
      'sharedWithDomains',
    ]);
    expect(
      CreateConsentRequest.safeParse({
        ...base,
        sharedWithDomains: ['sociaal'],
        validUntil: '2025-01-01',
      }).error?.issues[0]?.path,
    ).toEqual(['validUntil']);
    expect(
      CreateConsentRequest.safeParse({
        ...base,
        sharedWithDomains: ['sociaal'],
        givenBy: 'wettelijk-vertegenwoordiger',
      }).error?.issues[0]?.path,
    ).toEqual(['representativeRole']);
  });
});

describe('overleg', () => {
  it('needs a place or a link', () => {
    const base = { kind: 'mdo', date: '2026-12-01', time: '10:00', durationMinutes: 60 };
    expect(CreateMeetingRequest.safeParse(base).success).toBe(false);
    expect(CreateMeetingRequest.safeParse({ ...base, location: 'Wijkcentrum' }).success).toBe(true);
    expect(
      CreateMeetingRequest.safeParse({ ...base, onlineUrl: 'https://meet.example.test/abc' })
        .success,
    ).toBe(true);
    expect(
      CreateMeetingRequest.safeParse({ ...base, onlineUrl: 'javascript:alert(1)' }).success,
    ).toBe(false);
  });

  it('drafts an agenda with overdue actions first, then open actions and the doelen', () => {
    const actie = (
      id: string,
      titel: string,
      deadline: string | null,
      status: Actie['status'],
      eigenaarId: string | null,
    ): Actie => ({
      id,
      titel,
      deadline,
      status,
      eigenaarId,
      inschakelen: '',
      doelId: null,
      domein: null,
      aangemaakt: '2026-01-01T00:00:00Z',
      updates: [],
    });
    let n = 0;
    const agenda = draftAgenda({
      kind: 'mdo',
      today: '2026-11-23',
      acties: [
        actie('a1', 'Budgetcoach', '2026-12-15', 'open', 'u1'),
        actie('a2', 'Aanmelden schuldhulp', '2026-11-01', 'bezig', 'u2'),
        actie('a3', 'Afgerond ding', '2026-10-01', 'gereed', 'u1'),
        actie('a4', 'Zonder eigenaar', null, 'open', null),
      ],
      doelen: [
        { id: 'd1', titel: 'Schulden op een rij', domein: 'financien', aangemaakt: '2026-01-01' },
      ],
      team: [
        { userId: 'u1', name: 'Johan Kuipers' },
        { userId: 'u2', name: 'Fatma Yilmaz' },
      ],
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    });
    expect(agenda.map((i) => [i.bron, i.refId])).toEqual([
      ['vast', null],
      ['achterstallig', 'a2'],
      ['actie', 'a1'],
      ['actie', 'a4'],
      ['doel', 'd1'],
      ['vast', null],
      ['vast', null],
    ]);
    expect(agenda[1]?.toelichting).toBe('Eigenaar: Fatma Yilmaz; deadline 1 november 2026');
    expect(agenda[3]?.toelichting).toContain('nog geen eigenaar');
    expect(new Set(agenda.map((i) => i.id)).size).toBe(agenda.length);
  });
});
