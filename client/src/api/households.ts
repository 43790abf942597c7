import { HouseholdDto, type HouseholdListParams, HouseholdSummaryDto } from '@spil/shared';
import { z } from 'zod';
import { keys, queryOptions } from '../lib/query';
import { queryString, request, requestPage } from './http';

const HouseholdList = z.array(HouseholdSummaryDto);

export function listHouseholds(): Promise<HouseholdSummaryDto[]> {
  return request('GET', '/api/households', HouseholdList);
}

/** One page of the households the caller may see, searched and filtered on the server. */
export function listHouseholdPage(
  params: HouseholdListParams,
): Promise<{ items: HouseholdSummaryDto[]; total: number }> {
  return requestPage(`/api/households${queryString(params)}`, HouseholdList);
}

export function getHousehold(id: string): Promise<HouseholdDto> {
  return request('GET', `/api/households/${encodeURIComponent(id)}`, HouseholdDto);
}

export const householdQueries = {
  list: () => queryOptions({ queryKey: keys.householdList({}), queryFn: listHouseholds }),
  page: (params: HouseholdListParams) =>
    queryOptions({
      queryKey: keys.householdList({ page: params }),
      queryFn: () => listHouseholdPage(params),
    }),
  detail: (id: string) =>
    queryOptions({ queryKey: keys.household(id, 'detail'), queryFn: () => getHousehold(id) }),
};
