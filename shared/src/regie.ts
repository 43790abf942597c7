/** Contracts for regie, terugkoppeling, notifications and the cross-household views. */
import { z } from 'zod';
import { DISCIPLINES, PHASES } from './domain';
import { LEVENSDOMEINEN } from './levensdomeinen';
import { ACTIE_STATUSES } from './plan';

export const AssignRegieRequest = z.object({
  userId: z.uuid(),
  reason: z.string().trim().min(3).max(500),
});
export type AssignRegieRequest = z.infer<typeof AssignRegieRequest>;

export const HandoverRequest = AssignRegieRequest;
export type HandoverRequest = AssignRegieRequest;
export const HandoverParams = z.object({ id: z.uuid(), handoverId: z.uuid() });

export const RegieHistoryEntryDto = z.object({
  userId: z.uuid(),
  name: z.string(),
  assignedById: z.uuid(),
  assignedByName: z.string(),
  reason: z.string(),
  since: z.string(),
  until: z.string().nullable(),
});
export type RegieHistoryEntryDto = z.infer<typeof RegieHistoryEntryDto>;

export const HandoverDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  fromUserId: z.uuid(),
  fromName: z.string(),
  toUserId: z.uuid(),
  toName: z.string(),
  reason: z.string(),
  status: z.enum(['open', 'geaccepteerd', 'geweigerd', 'ingetrokken']),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type HandoverDto = z.infer<typeof HandoverDto>;

export const RegieDetailDto = z.object({
  current: z
    .object({ userId: z.uuid(), name: z.string(), since: z.string(), reason: z.string() })
    .nullable(),
  history: z.array(RegieHistoryEntryDto),
  openHandover: HandoverDto.nullable(),
});
export type RegieDetailDto = z.infer<typeof RegieDetailDto>;

/** Withdraw an open handover offer: the one who made it, or the coördinator. The reason is optional. */
export const WithdrawHandoverRequest = z.object({
  reason: z.string().trim().max(500).optional(),
});
export type WithdrawHandoverRequest = z.infer<typeof WithdrawHandoverRequest>;

/**
 * One handover offer in the household's history: how it ended, who ended it
 * (the receiver, or whoever withdrew it; null when a later offer or an
 * assignment by the coördinator closed it) and why, when a reason was given.
 */
export const HandoverHistoryEntryDto = HandoverDto.extend({
  decidedById: z.uuid().nullable(),
  decidedByName: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type HandoverHistoryEntryDto = z.infer<typeof HandoverHistoryEntryDto>;

export const TerugkoppelingRequest = z.object({
  tekst: z.string().trim().min(1).max(2000),
  status: z.enum(ACTIE_STATUSES),
});
export type TerugkoppelingRequest = z.infer<typeof TerugkoppelingRequest>;
export const ActieParams = z.object({ id: z.uuid(), actieId: z.uuid() });

export const NOTIFICATION_KINDS = [
  'terugkoppeling',
  'regie',
  'overdracht',
  'actie',
  'reactie',
  'team',
] as const;
export const NotificationDto = z.object({
  id: z.uuid(),
  kind: z.enum(NOTIFICATION_KINDS),
  householdId: z.uuid().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof NotificationDto>;
export const NotificationParams = z.object({ notificationId: z.uuid() });

/** One action as projected from a plan into the read model. */
export const ActionRowDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  householdName: z.string(),
  titel: z.string(),
  eigenaarId: z.uuid().nullable(),
  eigenaarNaam: z.string().nullable(),
  /** The owner is no longer on the team (or none was set). */
  zonderEigenaar: z.boolean(),
  deadline: z.string().nullable(),
  status: z.enum(ACTIE_STATUSES),
  domein: z.enum(LEVENSDOMEINEN).nullable(),
  overdue: z.boolean(),
  laatsteTerugkoppeling: z
    .object({
      tekst: z.string(),
      auteurNaam: z.string(),
      tijd: z.string(),
      status: z.enum(ACTIE_STATUSES),
    })
    .nullable(),
});
export type ActionRowDto = z.infer<typeof ActionRowDto>;

/** "Wie doet wat" for one household, or across my households. */
export const WieDoetWatDto = z.object({
  householdId: z.uuid(),
  householdName: z.string(),
  reference: z.string(),
  phase: z.enum(PHASES),
  regie: z.object({ userId: z.uuid(), name: z.string(), since: z.string() }).nullable(),
  team: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      discipline: z.enum(DISCIPLINES),
      role: z.string(),
    }),
  ),
  actions: z.array(ActionRowDto),
});
export type WieDoetWatDto = z.infer<typeof WieDoetWatDto>;

export const RegieOverzichtQuery = z.object({
  /** Default: the server's setting `STALLED_AFTER_DAYS` (14). */
  stalledDays: z.coerce.number().int().min(1).max(365).optional(),
  /** At most this many rows in each list (`counts` has the totals); default every row. */
  listLimit: z.coerce.number().int().min(0).max(1000).optional(),
});
export const RegieOverzichtDto = z.object({
  withoutRegie: z.array(
    z.object({
      householdId: z.uuid(),
      name: z.string(),
      reference: z.string(),
      phase: z.enum(PHASES),
      team: z.array(
        z.object({ userId: z.uuid(), name: z.string(), discipline: z.enum(DISCIPLINES) }),
      ),
    }),
  ),
  stalled: z.array(
    z.object({
      householdId: z.uuid(),
      name: z.string(),
      lastTerugkoppeling: z.string().nullable(),
      regieName: z.string().nullable(),
    }),
  ),
  overdue: z.array(ActionRowDto),
  /** The days without terugkoppeling used for `stalled`. */
  stalledDays: z.number().int().optional(),
  /** The number of rows of each list before `listLimit`. */
  counts: z
    .object({
      withoutRegie: z.number().int(),
      stalled: z.number().int(),
      overdue: z.number().int(),
    })
    .optional(),
  workload: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      discipline: z.enum(DISCIPLINES),
      openActions: z.number().int(),
      overdueActions: z.number().int(),
      regieCount: z.number().int(),
    }),
  ),
});
export type RegieOverzichtDto = z.infer<typeof RegieOverzichtDto>;

export const NotificationEvent = NotificationDto;
