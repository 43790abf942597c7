import type { MijnHulpItem } from '@spil/shared';
import { describe, expect, it } from 'vitest';
import { bedragZin, hulpZin } from './mijn-hulp-tekst';

const base: MijnHulpItem = {
  id: '00000000-0000-4000-8000-000000000001',
  wat: 'Huishoudelijke hulp',
  omschrijving: '',
  watIsSoort: true,
  wie: 'Thuiszorg Het Anker',
  vanaf: '2026-08-01',
  tot: '2027-08-01',
  stand: 'loopt',
  wachtOpBesluit: false,
  urenPerWeek: 3,
  bedragPerMaandCents: null,
};

describe('Mijn plan in plain words', () => {
  it('says which help runs, who gives it and until when', () => {
    expect(hulpZin(base)).toBe(
      'Thuiszorg Het Anker helpt je met huishoudelijke hulp, 3 uur per week, tot 1 augustus 2027.',
    );
    expect(hulpZin({ ...base, tot: null, urenPerWeek: null })).toBe(
      'Thuiszorg Het Anker helpt je met huishoudelijke hulp, zolang het nodig is.',
    );
  });

  it('says help that is coming, and that the municipality still has to decide', () => {
    expect(hulpZin({ ...base, stand: 'komt', wachtOpBesluit: true, urenPerWeek: 1.5 })).toBe(
      'Thuiszorg Het Anker gaat je helpen met huishoudelijke hulp, 1,5 uur per week, vanaf 1 augustus 2026. De gemeente moet dit nog goedkeuren.',
    );
    expect(hulpZin({ ...base, stand: 'gestopt' })).toBe(
      'Thuiszorg Het Anker hielp je met huishoudelijke hulp tot 1 augustus 2027.',
    );
  });

  it('keeps the team’s own words as they are', () => {
    expect(hulpZin({ ...base, wat: 'Traplift', watIsSoort: false, urenPerWeek: null })).toBe(
      'Thuiszorg Het Anker helpt je met Traplift, tot 1 augustus 2027.',
    );
  });

  it('shows an amount only when the municipality gives one', () => {
    expect(bedragZin(base)).toBeNull();
    expect(bedragZin({ ...base, bedragPerMaandCents: 39_000 })).toMatch(
      /^Dit kost €\s?390,00 per maand\.$/,
    );
  });
});
