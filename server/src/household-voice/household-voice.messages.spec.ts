import { describe, expect, it } from 'vitest';
import type { EigenActie, Reactie } from '@spil/shared';
import { QUOTE_MAX, voiceNotification } from './household-voice.messages';

const base = { auteurId: 'u1', auteurNaam: 'Gefälscht', aangemaakt: '2026-11-20T10:00:00.000Z' };
const ctx = {
  householdId: 'h1',
  householdName: 'Gezin Bakker',
  authorName: 'Sandra Bakker',
  actieTitel: null,
};

describe('notifications about the household’s own part', () => {
  it('names the author the server knows, not the name in the entry', () => {
    const actie: EigenActie = {
      ...base,
      id: 'a',
      soort: 'actie',
      tekst: 'Zelf de huur bellen',
      wieHelpt: 'Anouk',
      gedaan: false,
      gedaanOp: null,
    };
    expect(voiceNotification(actie, ctx)).toEqual({
      kind: 'actie',
      householdId: 'h1',
      title: 'Sandra Bakker (Gezin Bakker) zet een eigen actie in het plan',
      body: '“Zelf de huur bellen” Hulp van: Anouk.',
    });
    expect(voiceNotification(actie, { ...ctx, authorName: null }).title).toMatch(
      /^Iemand van het huishouden /,
    );
  });

  it('says which action a reaction is about, and shortens long texts', () => {
    const reactie: Reactie = {
      ...base,
      id: 'r',
      soort: 'reactie',
      tekst: 'x'.repeat(900),
      actieId: 'p1',
    };
    const n = voiceNotification(reactie, { ...ctx, actieTitel: 'Aanmelden schuldhulp' });
    expect(n.kind).toBe('reactie');
    expect(n.title).toBe(
      'Sandra Bakker (Gezin Bakker) reageert op de actie “Aanmelden schuldhulp”',
    );
    expect(n.body.length).toBeLessThanOrEqual(QUOTE_MAX + 2);
    expect(voiceNotification({ ...reactie, tekst: 'Dank!' }, ctx)).toMatchObject({
      title: 'Sandra Bakker (Gezin Bakker) reageert op het plan',
      body: '“Dank!”',
    });
  });
});
