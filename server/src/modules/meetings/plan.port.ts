/**
 * What the meetings module needs from a household's plan, without importing
 * the collab layer (modules publish and ask through ports; see
 * `server/src/orchestration/`, which provides this one on top of collab).
 */
import type { Actie, Doel, PlanDoc } from '@spil/shared';

export const PLAN_PORT = Symbol('PLAN_PORT');

export type NewActie = Parameters<PlanDoc['addActie']>[0];

export interface PlanPort {
  /** The plan's actions and doelen as stored now (the open document when someone has it open). */
  read(householdId: string): Promise<{ acties: Actie[]; doelen: Doel[] }>;
  /**
   * Add an action to the plan as a server-side change: stored in the update
   * log and relayed to open plans like any update. Returns the action's id.
   */
  addActie(householdId: string, actie: NewActie): Promise<string>;
}
