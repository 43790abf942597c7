import { afterEach, describe, expect, it, vi } from 'vitest';
import { planGoals } from './plan-goals';

const BUNDLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      fullUrl: 'urn:uuid:1',
      resource: {
        resourceType: 'CarePlan',
        id: '1',
        description: 'Hulpvraag als tekst',
        status: 'active',
      },
    },
    {
      fullUrl: 'urn:uuid:2',
      resource: {
        resourceType: 'Goal',
        id: '2',
        identifier: [{ system: 'urn:spil:plan-goal', value: 'doel-a' }],
        description: { text: 'Schulden in beeld' },
        lifecycleStatus: 'active',
      },
    },
    {
      fullUrl: 'urn:uuid:3',
      resource: { resourceType: 'Goal', id: '3', description: { text: 'Zonder plan-id' } },
    },
    {
      fullUrl: 'urn:uuid:4',
      resource: {
        resourceType: 'Group',
        id: '4',
        identifier: [{ system: 'urn:spil:household-reference', value: 'X' }],
      },
    },
  ],
};

describe('planGoals', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the plan’s doelen from the household’s FHIR export', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(JSON.stringify(BUNDLE), {
          status: 200,
          headers: { 'content-type': 'application/fhir+json' },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    expect(await planGoals('h-1')).toEqual([{ id: 'doel-a', titel: 'Schulden in beeld' }]);
    expect(fetch).toHaveBeenCalledWith(
      '/api/households/h-1/fhir',
      expect.objectContaining({ method: 'GET' }),
    );
  });
});
