/** Contracts for the household's own accounts: inviting the inwoner and naasten, activating an account. */
import { z } from 'zod';

export const InviteRequest = z.object({
  name: z.string().trim().min(2).max(120),
  email: z.email().max(254),
  role: z.enum(['inwoner', 'naaste']),
  /** For a naaste: who they are to the inwoner ("zus", "buurman", "ervaringsdeskundige"). */
  relation: z.string().trim().max(80).optional(),
  /** For a naaste invited by a professional: the inwoner agreed. Recorded with the invitation. */
  inwonerToestemming: z.boolean().optional(),
});
export type InviteRequest = z.infer<typeof InviteRequest>;

export const InviteResponse = z.object({
  invitationId: z.uuid(),
  userId: z.uuid(),
  /** Path of the activation page with the single-use code; hand it to the person, it is shown once. */
  activationPath: z.string(),
  expiresAt: z.string(),
});
export type InviteResponse = z.infer<typeof InviteResponse>;

export const ActivateRequest = z.object({
  token: z.string().min(20).max(200),
  password: z.string().min(10, 'minstens 10 tekens').max(1024),
});
export type ActivateRequest = z.infer<typeof ActivateRequest>;
