/**
 * The plan's shape for the update check: which roots a plan has and which
 * keys of its entries hold free text (shared/src/plan.ts, plan-text.ts).
 */
import { type DocName, PLAN_ROOT_NAMES, PLAN_TEXT_FIELDS } from '@spil/shared';
import type { PlanShape } from './update-check';

export const PLAN_SHAPE: PlanShape = { roots: PLAN_ROOT_NAMES, textFields: PLAN_TEXT_FIELDS };

/** The shape to check a document's updates against: the plan's, or none for the other documents. */
export function planShapeFor(doc: DocName): { plan?: PlanShape } {
  return doc.kind === 'plan' ? { plan: PLAN_SHAPE } : {};
}
