import { describe, expect, it } from 'vitest';
import { ACTIE_STATUSES } from '@spil/shared';
import { geleden, STATUS_EENVOUDIG, uiterlijk, voornaam, wanneer } from './plain';

describe('plain Dutch for Mijn plan', () => {
  it('says when an overleg is, with the weekday', () => {
    expect(wanneer('2026-12-15', '19:00')).toBe('dinsdag 15 december om 19.00 uur');
    expect(wanneer('2026-07-01', '09:30')).toBe('woensdag 1 juli om 09.30 uur');
  });
  it('says how long ago something was written', () => {
    const now = new Date(2026, 10, 23, 10, 0);
    expect(geleden(new Date(2026, 10, 23, 8, 0).toISOString(), now)).toBe('vandaag');
    expect(geleden(new Date(2026, 10, 22, 23, 0).toISOString(), now)).toBe('gisteren');
    expect(geleden(new Date(2026, 10, 20, 12, 0).toISOString(), now)).toBe('3 dagen geleden');
    expect(geleden(new Date(2026, 9, 1, 12, 0).toISOString(), now)).toBe('1 oktober');
    expect(geleden('geen datum', now)).toBe('');
  });
  it('has a plain word for every status, and short names', () => {
    for (const s of ACTIE_STATUSES) expect(STATUS_EENVOUDIG[s]).toBeTruthy();
    expect(uiterlijk('2026-11-30')).toBe('30 november');
    expect(voornaam('Anouk de Wit')).toBe('Anouk');
  });
});
