import {
  AccountDto,
  type AccountSettingsRequest,
  AccountSettingsDto,
  type ChangePasswordRequest,
  type CreateHouseholdRequest,
  HouseholdDto,
  type InviteProfessionalRequest,
  InviteProfessionalResponse,
  OidcProviderDto,
  OrganisationDto,
  type PatchAccountRequest,
  PasswordResetResponse,
  RecoveryCodesDto,
  SecondFactorStatusDto,
  TotpEnrolmentDto,
  WijkteamDto,
  type WijkteamRequest,
} from '@spil/shared';
import { z } from 'zod';
import { request, requestVoid } from '../../api/http';

const Email = z.object({ email: z.string() });

export const accountApi = {
  providers: () => request('GET', '/api/auth/oidc/providers', z.array(OidcProviderDto)),
  requestReset: (email: string) =>
    request('POST', '/api/auth/password-reset', PasswordResetResponse, { email }),
  setPassword: (token: string, password: string) =>
    request('POST', '/api/auth/wachtwoord-instellen', Email, { token, password }),
  activate: (token: string, password: string) =>
    request('POST', '/api/auth/activeren', Email, { token, password }),
  changePassword: (body: ChangePasswordRequest) => requestVoid('POST', '/api/auth/password', body),
  settings: () => request('GET', '/api/auth/settings', AccountSettingsDto),
  saveSettings: (body: AccountSettingsRequest) => requestVoid('PUT', '/api/auth/settings', body),
  secondFactor: () => request('GET', '/api/auth/second-factor', SecondFactorStatusDto),
  enrol: () => request('POST', '/api/auth/second-factor/enrol', TotpEnrolmentDto),
  confirm: (code: string) =>
    request('POST', '/api/auth/second-factor/confirm', RecoveryCodesDto, { code }),
  verify: (code: string) => requestVoid('POST', '/api/auth/second-factor/verify', { code }),
  disableSecondFactor: (code: string) =>
    requestVoid('POST', '/api/auth/second-factor/disable', { code }),
  renewRecoveryCodes: (code: string) =>
    request('POST', '/api/auth/second-factor/recovery-codes', RecoveryCodesDto, { code }),
};

export const beheerApi = {
  wijkteams: () => request('GET', '/api/beheer/wijkteams', z.array(WijkteamDto)),
  createWijkteam: (body: WijkteamRequest) =>
    request('POST', '/api/beheer/wijkteams', WijkteamDto, body),
  updateWijkteam: (id: string, body: WijkteamRequest) =>
    request('PUT', `/api/beheer/wijkteams/${encodeURIComponent(id)}`, WijkteamDto, body),
  organisations: () => request('GET', '/api/beheer/organisations', z.array(OrganisationDto)),
  createOrganisation: (name: string) =>
    request('POST', '/api/beheer/organisations', OrganisationDto, { name }),
  renameOrganisation: (id: string, name: string) =>
    request('PUT', `/api/beheer/organisations/${encodeURIComponent(id)}`, OrganisationDto, {
      name,
    }),
  accounts: () => request('GET', '/api/beheer/accounts', z.array(AccountDto)),
  invite: (body: InviteProfessionalRequest) =>
    request('POST', '/api/beheer/accounts', InviteProfessionalResponse, body),
  update: (id: string, body: PatchAccountRequest) =>
    request('PATCH', `/api/beheer/accounts/${encodeURIComponent(id)}`, AccountDto, body),
  inviteAgain: (id: string) =>
    request(
      'POST',
      `/api/beheer/accounts/${encodeURIComponent(id)}/invite-again`,
      InviteProfessionalResponse,
    ),
  deactivate: (id: string) =>
    requestVoid('POST', `/api/beheer/accounts/${encodeURIComponent(id)}/deactivate`),
};

export function registerHousehold(body: CreateHouseholdRequest) {
  return request('POST', '/api/households', HouseholdDto, body);
}
