/**
 * REST contracts: one zod schema per request body and response shape. The
 * server validates every body and parameter against these at the edge; the
 * client uses the inferred types. Types that cross the wire are never
 * compile-time only.
 */
import { z } from 'zod';
import {
  DISCIPLINES,
  DOMAINS,
  PHASES,
  PROFESSIONAL_TEAM_ROLES,
  SYSTEM_ROLES,
  TEAM_ROLES,
} from './domain';
import { REFERRERS, SECOND_FACTOR_STATES } from './accounts';

export const Uuid = z.uuid();
export const IdParam = z.object({ id: z.uuid() });
export const HouseholdTeamMemberParams = z.object({ id: z.uuid(), userId: z.uuid() });

export const LoginRequest = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserDto = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  discipline: z.enum(DISCIPLINES),
  domain: z.enum(DOMAINS).nullable(),
  organisation: z.string(),
  systemRole: z.enum(SYSTEM_ROLES),
  phone: z.string().nullable(),
  expertise: z.string().nullable(),
  whenToInvolve: z.string().nullable(),
  wijkteamId: z.uuid().nullable(),
});
export type UserDto = z.infer<typeof UserDto>;

export const LoginResponse = z.object({
  accessToken: z.string(),
  expiresAt: z.string(),
  user: UserDto,
  /** What the login still needs before data may be read (REQUIRE_2FA); `none` when complete. */
  secondFactor: z.enum(SECOND_FACTOR_STATES).default('none'),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const HouseholdMemberDto = z.object({
  id: z.uuid(),
  firstName: z.string(),
  birthYear: z.number().int(),
  relation: z.string(),
});
export type HouseholdMemberDto = z.infer<typeof HouseholdMemberDto>;

export const TeamMemberDto = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  discipline: z.enum(DISCIPLINES),
  domain: z.enum(DOMAINS).nullable(),
  organisation: z.string(),
  phone: z.string().nullable(),
  expertise: z.string().nullable(),
  whenToInvolve: z.string().nullable(),
  role: z.enum(TEAM_ROLES),
  since: z.string(),
});
export type TeamMemberDto = z.infer<typeof TeamMemberDto>;

export const RegieDto = z
  .object({ userId: z.uuid(), name: z.string(), since: z.string() })
  .nullable();
export type RegieDto = z.infer<typeof RegieDto>;

export const HouseholdSummaryDto = z.object({
  id: z.uuid(),
  reference: z.string(),
  displayName: z.string(),
  wijk: z.string(),
  phase: z.enum(PHASES),
  myRole: z.enum(TEAM_ROLES).nullable(),
  regie: RegieDto,
  teamSize: z.number().int(),
  /** The current colour of the quickscan (op- en afschalen), null before the quickscan. */
  colour: z.enum(['groen', 'oranje', 'rood']).nullable().optional(),
  /** The latest of: registration, terugkoppeling, regie change, colour change (ISO time). */
  lastActivity: z.string().nullable().optional(),
  /** Open actions past their due date. */
  overdueActions: z.number().int().optional(),
  /** An escalation without outcome. */
  openEscalation: z.boolean().optional(),
});
export type HouseholdSummaryDto = z.infer<typeof HouseholdSummaryDto>;

/** Who referred the household (aanmelding) and on which date (YYYY-MM-DD). */
export const ReferralDto = z.object({ by: z.enum(REFERRERS), on: z.iso.date() });
export type ReferralDto = z.infer<typeof ReferralDto>;

export const HouseholdDto = HouseholdSummaryDto.extend({
  members: z.array(HouseholdMemberDto),
  team: z.array(TeamMemberDto),
  createdAt: z.string(),
  referral: ReferralDto.nullable().optional(),
});
export type HouseholdDto = z.infer<typeof HouseholdDto>;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const CreateHouseholdRequest = z.object({
  reference: Text(40).regex(/^[A-Z0-9-]+$/, 'alleen hoofdletters, cijfers en streepjes'),
  displayName: Text(120),
  wijk: Text(80),
  phase: z.enum(PHASES).default('aangemeld'),
  members: z
    .array(
      z.object({
        firstName: Text(60),
        birthYear: z.number().int().min(1900).max(2100),
        relation: Text(40),
      }),
    )
    .max(20)
    .default([]),
  referral: ReferralDto.optional(),
});
export type CreateHouseholdRequest = z.input<typeof CreateHouseholdRequest>;

export const AddTeamMemberRequest = z.object({
  userId: z.uuid(),
  role: z.enum(PROFESSIONAL_TEAM_ROLES),
});
export type AddTeamMemberRequest = z.infer<typeof AddTeamMemberRequest>;

export const PatchTeamMemberRequest = z.object({ role: z.enum(PROFESSIONAL_TEAM_ROLES) });
export type PatchTeamMemberRequest = z.infer<typeof PatchTeamMemberRequest>;

export const HealthDto = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down']).optional(),
});
export type HealthDto = z.infer<typeof HealthDto>;

/** `GET /api/health/live`: the process answers. */
export const LivenessDto = z.object({ status: z.literal('ok') });
export type LivenessDto = z.infer<typeof LivenessDto>;

/**
 * `GET /api/health/ready`: 200 while this instance should get traffic
 * (database reachable, migrations done, not draining), else 503. Redis is
 * reported but does not decide: without it an instance still serves its own
 * clients (`status: 'degraded'`).
 */
export const ReadinessDto = z.object({
  status: z.enum(['ok', 'degraded', 'unavailable']),
  database: z.enum(['up', 'down']),
  redis: z.enum(['up', 'down']).optional(),
  migrations: z.enum(['done', 'pending']),
  draining: z.boolean(),
});
export type ReadinessDto = z.infer<typeof ReadinessDto>;

/** Every error the API returns has this shape; `field` names the offending input. */
export const ErrorDto = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  correlationId: z.string().optional(),
});
export type ErrorDto = z.infer<typeof ErrorDto>;
