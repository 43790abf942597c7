import { HouseholdDto, HouseholdSummaryDto } from '@spil/shared';
import { z } from 'zod';
import { request } from './http';

const HouseholdList = z.array(HouseholdSummaryDto);

export function listHouseholds(): Promise<HouseholdSummaryDto[]> {
  return request('GET', '/api/households', HouseholdList);
}

export function getHousehold(id: string): Promise<HouseholdDto> {
  return request('GET', `/api/households/${encodeURIComponent(id)}`, HouseholdDto);
}
