import {
  ACTIE_STATUSES,
  ActionRowDto,
  type HouseholdListParams,
  type TerugkoppelingRequest,
  WieDoetWatDto,
} from '@spil/shared';
import { z } from 'zod';
import { queryString, request, requestPage } from '../../api/http';
import { keys, queryOptions } from '../../lib/query';

/** My open actions across my households, by due date. */
export function myActions(): Promise<ActionRowDto[]> {
  return request('GET', '/api/me/actions', z.array(ActionRowDto));
}

/** "Wie doet wat" for every household I am on. */
export function myWieDoetWat(): Promise<WieDoetWatDto[]> {
  return request('GET', '/api/me/wie-doet-wat', z.array(WieDoetWatDto));
}

/** "Wie doet wat" for one page of my households, with the list filters; the total of matches too. */
export function myWieDoetWatPage(
  params: HouseholdListParams,
): Promise<{ items: WieDoetWatDto[]; total: number }> {
  return requestPage(`/api/me/wie-doet-wat${queryString(params)}`, z.array(WieDoetWatDto));
}

export const actiesQueries = {
  wieDoetWatPage: (params: HouseholdListParams) =>
    queryOptions({
      queryKey: keys.me('wie-doet-wat', params),
      queryFn: () => myWieDoetWatPage(params),
    }),
  mine: () => queryOptions({ queryKey: keys.me('actions'), queryFn: myActions }),
  wieDoetWat: () => queryOptions({ queryKey: keys.me('wie-doet-wat'), queryFn: myWieDoetWat }),
};

const StatusUpdateDto = z.object({
  id: z.string(),
  auteurId: z.string(),
  auteurNaam: z.string(),
  tekst: z.string(),
  status: z.enum(ACTIE_STATUSES),
  tijd: z.string(),
});
export type StatusUpdateDto = z.infer<typeof StatusUpdateDto>;

/** Terugkoppeling on an action: the server writes it into the plan and notifies the team. */
export function sendTerugkoppeling(
  householdId: string,
  actieId: string,
  body: TerugkoppelingRequest,
): Promise<StatusUpdateDto> {
  return request(
    'POST',
    `/api/households/${encodeURIComponent(householdId)}/acties/${encodeURIComponent(actieId)}/terugkoppeling`,
    StatusUpdateDto,
    body,
  );
}
