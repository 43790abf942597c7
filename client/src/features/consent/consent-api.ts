import { ConsentDto, type CreateConsentRequest, type WithdrawConsentRequest } from '@spil/shared';
import { z } from 'zod';
import { request } from '../../api/http';
import { keys, queryOptions } from '../../lib/query';

const base = (householdId: string) => `/api/households/${encodeURIComponent(householdId)}/consents`;

export function listConsents(householdId: string): Promise<ConsentDto[]> {
  return request('GET', base(householdId), z.array(ConsentDto));
}

export function recordConsent(
  householdId: string,
  body: CreateConsentRequest,
): Promise<ConsentDto> {
  return request('POST', base(householdId), ConsentDto, body);
}

export function withdrawConsent(
  householdId: string,
  consentId: string,
  body: WithdrawConsentRequest,
): Promise<ConsentDto> {
  return request(
    'POST',
    `${base(householdId)}/${encodeURIComponent(consentId)}/withdraw`,
    ConsentDto,
    body,
  );
}

export const consentQueries = {
  list: (householdId: string) =>
    queryOptions({
      queryKey: keys.household(householdId, 'consent'),
      queryFn: () => listConsents(householdId),
    }),
};
