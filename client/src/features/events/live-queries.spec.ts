import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { staleOnHouseholdChanged, staleOnProcesChanged } from './live-queries';

const H = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

/** Which of these cached queries an event makes stale, through the real QueryClient matching. */
function staleAfter(keysOfEvent: readonly (readonly unknown[])[]): string[] {
  const client = new QueryClient();
  const cached = [
    ['households', 'list', { q: 'bakker' }],
    ['household', H, 'detail'],
    ['household', H, 'colour'],
    ['household', H, 'escalations'],
    ['household', H, 'consent'],
    ['household', H, 'voorzieningen'],
    ['household', H, 'budget'],
    ['household', OTHER, 'detail'],
    ['household', OTHER, 'voorzieningen'],
    ['me', 'actions'],
    ['me', 'meetings', 'all'],
    ['wijkteam', 'regie', 14],
  ];
  for (const k of cached) client.setQueryData(k, 1);
  for (const queryKey of keysOfEvent)
    void client.invalidateQueries({ queryKey, refetchType: 'none' });
  return client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => JSON.stringify(q.queryKey))
    .sort();
}

describe('live events make the right queries stale', () => {
  it('a colour change: the colour of that household and the lists, nothing of another household', () => {
    const stale = staleAfter(staleOnProcesChanged({ householdId: H, what: 'kleur' }));
    expect(stale).toContain(JSON.stringify(['household', H, 'colour']));
    expect(stale).toContain(JSON.stringify(['households', 'list', { q: 'bakker' }]));
    expect(stale).not.toContain(JSON.stringify(['household', H, 'escalations']));
    expect(stale.some((k) => k.includes(OTHER))).toBe(false);
  });

  it('a phase change: the whole household and every list', () => {
    const stale = staleAfter(staleOnProcesChanged({ householdId: H, what: 'fase' }));
    expect(stale).toEqual(
      expect.arrayContaining([
        JSON.stringify(['household', H, 'detail']),
        JSON.stringify(['household', H, 'consent']),
        JSON.stringify(['me', 'actions']),
        JSON.stringify(['wijkteam', 'regie', 14]),
      ]),
    );
    expect(stale.some((k) => k.includes(OTHER))).toBe(false);
  });

  it('consent changes stay on the household; team changes reach the lists', () => {
    const consent = staleAfter(staleOnHouseholdChanged({ householdId: H, what: 'consent' }));
    expect(consent).toContain(JSON.stringify(['household', H, 'consent']));
    expect(consent).not.toContain(JSON.stringify(['me', 'actions']));
    const team = staleAfter(staleOnHouseholdChanged({ householdId: H, what: 'team' }));
    expect(team).toContain(JSON.stringify(['me', 'actions']));
    expect(team).toContain(JSON.stringify(['households', 'list', { q: 'bakker' }]));
  });

  it('a voorziening changed: the household’s list, budget and Mijn plan, and the dashboard', () => {
    const stale = staleAfter(staleOnHouseholdChanged({ householdId: H, what: 'voorzieningen' }));
    expect(stale).toEqual(
      expect.arrayContaining([
        JSON.stringify(['household', H, 'voorzieningen']),
        JSON.stringify(['household', H, 'budget']),
        JSON.stringify(['wijkteam', 'regie', 14]),
      ]),
    );
    expect(stale).not.toContain(JSON.stringify(['household', H, 'consent']));
    expect(stale.some((k) => k.includes(OTHER))).toBe(false);
  });
});
