import { describe, expect, it } from 'vitest';
import {
  colourDirection,
  daysBetween,
  effectTotal,
  isZrmInfoStale,
  median,
  QUICKSCAN_QUESTIONS,
  QuickscanAnswers,
  quickscanOutcome,
  zrmComparison,
  type QuickscanAnswers as Answers,
} from './proces';

const CALM: Answers = {
  veiligheid: 'nee',
  acuteNood: 'nee',
  crisis: 'nee',
  kinderen: 'geen',
  domeinen: '0-1',
  eigenKracht: 'ja',
  netwerk: 'ja',
  eerdereHulp: 'nee',
};

describe('quickscan', () => {
  it('is groen without signals, with a reason that says so', () => {
    expect(quickscanOutcome(CALM)).toEqual({
      colour: 'groen',
      reasons: ['Geen zorgsignalen: lichte ondersteuning volstaat'],
    });
  });

  it('is oranje with one or two oranje answers, listing them', () => {
    expect(quickscanOutcome({ ...CALM, netwerk: 'nee' })).toEqual({
      colour: 'oranje',
      reasons: ['Geen steunend netwerk'],
    });
    expect(quickscanOutcome({ ...CALM, netwerk: 'nee', domeinen: '2-3' }).colour).toBe('oranje');
  });

  it('is rood with one rood answer, the rood reason first', () => {
    const out = quickscanOutcome({ ...CALM, netwerk: 'nee', veiligheid: 'ja' });
    expect(out.colour).toBe('rood');
    expect(out.reasons).toEqual([
      'Onveiligheid thuis (huiselijk geweld of kindermishandeling)',
      'Geen steunend netwerk',
    ]);
  });

  it('turns three oranje answers together into rood, and says why', () => {
    const out = quickscanOutcome({ ...CALM, netwerk: 'nee', domeinen: '4+', eigenKracht: 'nee' });
    expect(out.colour).toBe('rood');
    expect(out.reasons[0]).toBe('Zorgen op 3 vragen tegelijk');
    expect(out.reasons).toHaveLength(4);
  });

  it('gives every non-groen answer a reason of its own', () => {
    for (const q of QUICKSCAN_QUESTIONS) {
      for (const o of q.options) {
        if (o.colour !== 'groen')
          expect('reason' in o && o.reason, `${q.key}=${o.value}`).toBeTruthy();
      }
    }
  });

  it('accepts exactly the known answers', () => {
    expect(QuickscanAnswers.safeParse(CALM).success).toBe(true);
    expect(QuickscanAnswers.safeParse({ ...CALM, veiligheid: 'soms' }).success).toBe(false);
    expect(QuickscanAnswers.safeParse({ ...CALM, extra: 'x' }).success).toBe(false);
    const { crisis: _c, ...missing } = CALM;
    expect(QuickscanAnswers.safeParse(missing).success).toBe(false);
  });
});

describe('colour direction', () => {
  it('calls heavier opschalen and lighter afschalen', () => {
    expect(colourDirection('groen', 'rood')).toBe('opschalen');
    expect(colourDirection('rood', 'oranje')).toBe('afschalen');
    expect(colourDirection('oranje', 'oranje')).toBeNull();
  });
});

describe('ZRM', () => {
  it('warns when the information is more than 30 days older than the score', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(isZrmInfoStale('2026-01-01', '2026-01-31')).toBe(false);
    expect(isZrmInfoStale('2026-01-01', '2026-02-01')).toBe(true);
    expect(isZrmInfoStale('2026-03-01', '2026-03-31T23:59:00.000Z')).toBe(false);
    // across the change to summer time: still whole days
    expect(daysBetween('2026-03-20', '2026-04-20')).toBe(31);
  });

  it('lines up the newest score per domain and moment for one member', () => {
    const rows = zrmComparison(
      [
        {
          memberId: 'a',
          moment: 'intake',
          domain: 'financien',
          score: 1,
          at: '2026-01-01T10:00:00Z',
        },
        {
          memberId: 'a',
          moment: 'intake',
          domain: 'financien',
          score: 2,
          at: '2026-01-02T10:00:00Z',
        },
        {
          memberId: 'a',
          moment: 'evaluatie',
          domain: 'financien',
          score: 4,
          at: '2026-05-01T10:00:00Z',
        },
        {
          memberId: 'b',
          moment: 'intake',
          domain: 'financien',
          score: 5,
          at: '2026-01-01T10:00:00Z',
        },
      ],
      'a',
    );
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual({ domain: 'financien', scores: { intake: 2, evaluatie: 4 } });
    expect(rows[1]).toEqual({ domain: 'werk-opleiding', scores: {} });
  });
});

describe('sums', () => {
  it('totals effects in cents and finds the median', () => {
    expect(
      effectTotal([
        { count: 2, unitCents: 150 },
        { count: 1, unitCents: 5 },
      ]),
    ).toBe(305);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
