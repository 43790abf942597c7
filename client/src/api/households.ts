import { HouseholdDto, HouseholdSummaryDto } from '@spil/shared';
import { z } from 'zod';
import { keys, queryOptions } from '../lib/query';
import { request } from './http';

const HouseholdList = z.array(HouseholdSummaryDto);

export function listHouseholds(): Promise<HouseholdSummaryDto[]> {
  return request('GET', '/api/households', HouseholdList);
}

export function getHousehold(id: string): Promise<HouseholdDto> {
  return request('GET', `/api/households/${encodeURIComponent(id)}`, HouseholdDto);
}

export const householdQueries = {
  list: () => queryOptions({ queryKey: keys.householdList({}), queryFn: listHouseholds }),
  detail: (id: string) =>
    queryOptions({ queryKey: keys.household(id, 'detail'), queryFn: () => getHousehold(id) }),
};
