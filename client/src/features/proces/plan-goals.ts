/**
 * The doelen of a household's plan, for the evaluation form. Read from the
 * household's FHIR export, where each Goal carries its id in the plan
 * (`urn:spil:plan-goal`): the form needs the goals as stored, without
 * opening a second live plan connection next to the plan section.
 */
import { z } from 'zod';
import { request } from '../../api/http';
import type { PlanGoal } from './EvaluationPanel';

export const PLAN_GOAL_SYSTEM = 'urn:spil:plan-goal';

const GoalEntries = z.object({
  entry: z.array(
    z.object({
      resource: z.looseObject({
        resourceType: z.string(),
        identifier: z
          .array(z.object({ system: z.string().optional(), value: z.string().optional() }))
          .optional(),
        // A CodeableConcept on Goal, a plain string on other resources.
        description: z.unknown().optional(),
      }),
    }),
  ),
});

const GoalDescription = z.object({ text: z.string().optional() });

export async function planGoals(householdId: string): Promise<PlanGoal[]> {
  const bundle = await request(
    'GET',
    `/api/households/${encodeURIComponent(householdId)}/fhir`,
    GoalEntries,
  );
  return bundle.entry.flatMap(({ resource: r }) => {
    const id =
      r.resourceType === 'Goal'
        ? r.identifier?.find((i) => i.system === PLAN_GOAL_SYSTEM)?.value
        : undefined;
    const text = GoalDescription.safeParse(r.description);
    return id ? [{ id, titel: (text.success && text.data.text) || 'Doel' }] : [];
  });
}
