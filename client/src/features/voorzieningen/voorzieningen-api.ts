/** REST calls and queries of a household's voorzieningen, its budget and the wijkteam's prices per kind. */
import {
  type CreateVoorzieningRequest,
  HouseholdBudgetDto,
  MijnHulpDto,
  type UpdateVoorzieningPricesRequest,
  type UpdateVoorzieningRequest,
  VoorzieningDto,
  VoorzieningLinksDto,
  VoorzieningPriceDto,
} from '@spil/shared';
import { z } from 'zod';
import { request, requestVoid } from '../../api/http';
import { keys, queryOptions } from '../../lib/query';

const base = (householdId: string) => `/api/households/${encodeURIComponent(householdId)}`;

export const voorzieningenApi = {
  list: (id: string) => request('GET', `${base(id)}/voorzieningen`, z.array(VoorzieningDto)),
  create: (id: string, body: CreateVoorzieningRequest) =>
    request('POST', `${base(id)}/voorzieningen`, VoorzieningDto, body),
  update: (id: string, voorzieningId: string, body: UpdateVoorzieningRequest) =>
    request(
      'PATCH',
      `${base(id)}/voorzieningen/${encodeURIComponent(voorzieningId)}`,
      VoorzieningDto,
      body,
    ),
  remove: (id: string, voorzieningId: string) =>
    requestVoid('DELETE', `${base(id)}/voorzieningen/${encodeURIComponent(voorzieningId)}`),
  links: (id: string) => request('GET', `${base(id)}/voorziening-koppelingen`, VoorzieningLinksDto),
  budget: (id: string) => request('GET', `${base(id)}/budget`, HouseholdBudgetDto),
  mijnHulp: (id: string) => request('GET', `${base(id)}/mijn-hulp`, MijnHulpDto),
  prices: () => request('GET', '/api/voorzieningen/prijzen', z.array(VoorzieningPriceDto)),
  savePrices: (body: UpdateVoorzieningPricesRequest) =>
    request('PUT', '/api/voorzieningen/prijzen', z.array(VoorzieningPriceDto), body),
};

/** `household:changed` with `voorzieningen` makes these stale (live-queries). */
export const voorzieningenQueries = {
  list: (id: string) =>
    queryOptions({
      queryKey: keys.household(id, 'voorzieningen'),
      queryFn: () => voorzieningenApi.list(id),
    }),
  budget: (id: string) =>
    queryOptions({
      queryKey: keys.household(id, 'budget'),
      queryFn: () => voorzieningenApi.budget(id),
    }),
  links: (id: string) =>
    queryOptions({
      queryKey: keys.household(id, 'voorziening-koppelingen'),
      queryFn: () => voorzieningenApi.links(id),
    }),
  mijnHulp: (id: string) =>
    queryOptions({
      queryKey: keys.household(id, 'mijn-hulp'),
      queryFn: () => voorzieningenApi.mijnHulp(id),
    }),
  prices: () =>
    queryOptions({
      queryKey: keys.wijkteam('voorziening-prijzen'),
      queryFn: () => voorzieningenApi.prices(),
    }),
};
