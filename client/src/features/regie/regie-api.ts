import {
  type AssignRegieRequest,
  HandoverDto,
  HandoverHistoryEntryDto,
  RegieDetailDto,
  RegieOverzichtDto,
  type BulkAssignRegieRequest,
  BulkAssignRegieResult,
  RegieHouseholdRowDto,
  type RegieHouseholdsParams,
  WieDoetWatDto,
} from '@spil/shared';
import { z } from 'zod';
import { queryString, request, requestPage } from '../../api/http';
import { keys, queryOptions } from '../../lib/query';

const base = (householdId: string) => `/api/households/${encodeURIComponent(householdId)}`;

/** Current regiehouder, history (who, when, why) and an open handover. */
export function getRegie(householdId: string): Promise<RegieDetailDto> {
  return request('GET', `${base(householdId)}/regie`, RegieDetailDto);
}

/** The coördinator assigns regie to a `lid` of the team. */
export function assignRegie(
  householdId: string,
  body: AssignRegieRequest,
): Promise<RegieDetailDto> {
  return request('PUT', `${base(householdId)}/regie`, RegieDetailDto, body);
}

/** The regiehouder offers regie to a colleague on the team. */
export function offerHandover(householdId: string, body: AssignRegieRequest): Promise<HandoverDto> {
  return request('POST', `${base(householdId)}/regie/overdracht`, HandoverDto, body);
}

/** The receiver accepts (and becomes regiehouder) or declines. */
export function decideHandover(
  householdId: string,
  handoverId: string,
  accept: boolean,
): Promise<RegieDetailDto> {
  const what = accept ? 'accepteren' : 'weigeren';
  return request(
    'POST',
    `${base(householdId)}/regie/overdracht/${encodeURIComponent(handoverId)}/${what}`,
    RegieDetailDto,
  );
}

/** Queries of regie on one household: `regie` covers the current holder, history and offers. */
export const regieQueries = {
  detail: (householdId: string) =>
    queryOptions({
      queryKey: keys.household(householdId, 'regie', 'detail'),
      queryFn: () => getRegie(householdId),
    }),
  handovers: (householdId: string) =>
    queryOptions({
      queryKey: keys.household(householdId, 'regie', 'handovers'),
      queryFn: () => getHandovers(householdId),
    }),
  wieDoetWat: (householdId: string) =>
    queryOptions({
      queryKey: keys.household(householdId, 'wie-doet-wat'),
      queryFn: () => householdWieDoetWat(householdId),
    }),
};

/** The one who offered (or the coördinator) withdraws an open offer; the reason is optional. */
export function withdrawHandover(
  householdId: string,
  handoverId: string,
  reason?: string,
): Promise<RegieDetailDto> {
  return request(
    'POST',
    `${base(householdId)}/regie/overdracht/${encodeURIComponent(handoverId)}/intrekken`,
    RegieDetailDto,
    reason ? { reason } : {},
  );
}

/** Every handover offer of the household, newest first, with how it ended. */
export function getHandovers(householdId: string): Promise<HandoverHistoryEntryDto[]> {
  return request('GET', `${base(householdId)}/regie/overdracht`, z.array(HandoverHistoryEntryDto));
}

/** "Wie doet wat" for one household. */
export function householdWieDoetWat(householdId: string): Promise<WieDoetWatDto> {
  return request('GET', `${base(householdId)}/wie-doet-wat`, WieDoetWatDto);
}

/** Regie op regie: the coördinator's overview of the wijkteam. */
/** The overview; without `stalledDays` the server's setting counts. */
export function regieOverzicht(
  stalledDays: number | null,
  listLimit?: number,
): Promise<RegieOverzichtDto> {
  return request(
    'GET',
    `/api/regie/overzicht${queryString({ stalledDays, listLimit })}`,
    RegieOverzichtDto,
  );
}

/** Regie op regie as a table: one page of the wijkteam's households, with who can hold regie. */
export function regieHouseholds(
  params: RegieHouseholdsParams,
): Promise<{ items: RegieHouseholdRowDto[]; total: number }> {
  return requestPage(`/api/regie/huishoudens${queryString(params)}`, z.array(RegieHouseholdRowDto));
}

/** Regie over several households to one professional, with one reason. */
export function assignRegieMany(body: BulkAssignRegieRequest): Promise<BulkAssignRegieResult> {
  return request('POST', '/api/regie/toewijzen', BulkAssignRegieResult, body);
}
