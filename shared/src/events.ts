/**
 * The socket.io `/events` contract: one typed map of every event, validated at
 * runtime on both ends. Client → server events acknowledge with
 * `{ data } | { error }`.
 */
import { z } from 'zod';
import type { NotificationDto } from './regie';

export const PlanSubscribe = z.object({ docName: z.string().min(1).max(120) });

/** Server → client after each commit: the stored state vector (base64) of a plan document. */
export const PlanStored = z.object({ docName: z.string(), stateVector: z.string() });
export type PlanStored = z.infer<typeof PlanStored>;

export const HouseholdChanged = z.object({
  householdId: z.uuid(),
  what: z.enum(['team', 'regie', 'household', 'consent', 'meetings', 'voorzieningen']),
});
export type HouseholdChanged = z.infer<typeof HouseholdChanged>;

export const AccessRevoked = z.object({ householdId: z.uuid() });

/**
 * Server → client: the process of a household changed (quickscan colour,
 * an escalation opened, changed or closed, the phase). Sent only to the
 * users who may see that part: the professionals on the casus team and the
 * wijkteam's coördinators; a phase change reaches the household's own
 * people too. It says what changed, never the new value: the client loads it.
 */
export const PROCES_CHANGES = ['kleur', 'escalatie', 'fase'] as const;
export const ProcesChanged = z.object({
  householdId: z.uuid(),
  what: z.enum(PROCES_CHANGES),
});
export type ProcesChanged = z.infer<typeof ProcesChanged>;

export interface ClientToServerEvents {
  'plan:subscribe': { input: z.infer<typeof PlanSubscribe>; output: { docName: string } };
  'plan:unsubscribe': { input: z.infer<typeof PlanSubscribe>; output: { docName: string } };
}

export interface ServerToClientEvents {
  'plan:stored': PlanStored;
  'household:changed': HouseholdChanged;
  'access:revoked': z.infer<typeof AccessRevoked>;
  'proces:changed': ProcesChanged;
  /** A new notification for the receiving user (terugkoppeling, regie, overdracht, ...). */
  'notification:new': NotificationDto;
}

export type Ack<T> = { data: T } | { error: { code: string; message: string } };
