/**
 * Accounts and beheer: professionals invited by e-mail, passwords, the second
 * factor (TOTP), single sign-on, notification settings, wijkteams and
 * organisations.
 */
import { z } from 'zod';
import { DISCIPLINES, DOMAINS } from './domain';

/** System roles a beheerder or coördinator gives to professionals. */
export const STAFF_ROLES = ['professional', 'coordinator', 'beheerder'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  professional: 'Professional',
  coordinator: 'Coördinator',
  beheerder: 'Beheerder',
};

/** How a person hears of notifications while not online: at once, once a day, or not by e-mail. */
export const NOTIFY_MODES = ['direct', 'dagelijks', 'uit'] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];
export const NOTIFY_MODE_LABELS: Record<NotifyMode, string> = {
  direct: 'Direct een e-mail',
  dagelijks: 'Eén e-mail per dag',
  uit: 'Geen e-mail',
};

/** Who referred a household to the wijkteam. */
export const REFERRERS = [
  'huisarts',
  'zelf',
  'school',
  'wijkagent',
  'veilig-thuis',
  'anders',
] as const;
export type Referrer = (typeof REFERRERS)[number];
export const REFERRER_LABELS: Record<Referrer, string> = {
  huisarts: 'Huisarts',
  zelf: 'Zelf (het huishouden)',
  school: 'School',
  wijkagent: 'Wijkagent',
  'veilig-thuis': 'Veilig Thuis',
  anders: 'Anders',
};

const Name = z.string().trim().min(2).max(120);

export const Password = z.string().min(10, 'minstens 10 tekens').max(1024);

export const WijkteamDto = z.object({ id: z.uuid(), name: z.string(), wijk: z.string() });
export type WijkteamDto = z.infer<typeof WijkteamDto>;
export const WijkteamRequest = z.object({ name: Name, wijk: z.string().trim().min(2).max(80) });
export type WijkteamRequest = z.infer<typeof WijkteamRequest>;

export const OrganisationDto = z.object({ id: z.uuid(), name: z.string() });
export type OrganisationDto = z.infer<typeof OrganisationDto>;
export const OrganisationRequest = z.object({ name: Name });
export type OrganisationRequest = z.infer<typeof OrganisationRequest>;

/** A professional's account as beheer sees it. */
export const AccountDto = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  discipline: z.enum(DISCIPLINES),
  domain: z.enum(DOMAINS).nullable(),
  organisation: z.string(),
  systemRole: z.enum(STAFF_ROLES),
  wijkteamId: z.uuid().nullable(),
  active: z.boolean(),
  /** Invited, link not used yet. */
  invited: z.boolean(),
  secondFactor: z.boolean(),
});
export type AccountDto = z.infer<typeof AccountDto>;

export const InviteProfessionalRequest = z.object({
  name: Name,
  email: z.email().max(254),
  discipline: z.enum(DISCIPLINES).refine((d) => d !== 'inwoner' && d !== 'naaste', {
    message: 'kies een discipline van een professional',
  }),
  domain: z.enum(DOMAINS).nullable(),
  organisation: z.string().trim().min(2).max(120),
  systemRole: z.enum(STAFF_ROLES),
  /** Defaults to the inviter's own wijkteam. */
  wijkteamId: z.uuid().optional(),
});
export type InviteProfessionalRequest = z.infer<typeof InviteProfessionalRequest>;

export const InviteProfessionalResponse = z.object({
  userId: z.uuid(),
  expiresAt: z.string(),
});
export type InviteProfessionalResponse = z.infer<typeof InviteProfessionalResponse>;

export const PatchAccountRequest = z
  .object({ systemRole: z.enum(STAFF_ROLES), wijkteamId: z.uuid().nullable() })
  .partial();
export type PatchAccountRequest = z.infer<typeof PatchAccountRequest>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: Password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** `POST /api/auth/password-reset`: the same answer whether or not the address has an account. */
export const PasswordResetRequest = z.object({ email: z.email().max(254) });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;
export const PasswordResetResponse = z.object({ message: z.string() });
export type PasswordResetResponse = z.infer<typeof PasswordResetResponse>;

/** Set a password with a single-use code from an e-mail (an invitation or a reset). */
export const SetPasswordRequest = z.object({
  token: z.string().min(20).max(200),
  password: Password,
});
export type SetPasswordRequest = z.infer<typeof SetPasswordRequest>;

export const AccountSettingsDto = z.object({
  notifyMode: z.enum(NOTIFY_MODES),
  secondFactor: z.boolean(),
  /** Whether the second factor is required for this person (REQUIRE_2FA). */
  secondFactorRequired: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type AccountSettingsDto = z.infer<typeof AccountSettingsDto>;
export const AccountSettingsRequest = z.object({ notifyMode: z.enum(NOTIFY_MODES) });
export type AccountSettingsRequest = z.infer<typeof AccountSettingsRequest>;

/** What the login still needs: nothing, enrolment of an authenticator app, or a code from it. */
export const SECOND_FACTOR_STATES = ['none', 'enrol', 'code'] as const;
export type SecondFactorState = (typeof SECOND_FACTOR_STATES)[number];
export const SecondFactorStatusDto = z.object({ needed: z.enum(SECOND_FACTOR_STATES) });
export type SecondFactorStatusDto = z.infer<typeof SecondFactorStatusDto>;

export const TotpEnrolmentDto = z.object({
  /** `otpauth://` URI for the app. */
  uri: z.string(),
  /** The secret in base32, to type in by hand. */
  secret: z.string(),
  /** SVG of the QR code of `uri`, as a data URL. */
  qr: z.string(),
});
export type TotpEnrolmentDto = z.infer<typeof TotpEnrolmentDto>;

export const TotpCodeRequest = z.object({ code: z.string().trim().min(6).max(32) });
export type TotpCodeRequest = z.infer<typeof TotpCodeRequest>;
export const RecoveryCodesDto = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesDto = z.infer<typeof RecoveryCodesDto>;

export const OidcProviderDto = z.object({ id: z.string(), label: z.string() });
export type OidcProviderDto = z.infer<typeof OidcProviderDto>;
