import { ACTIE_STATUSES, type ActieStatus, LEVENSDOMEINEN } from '@spil/shared';
import { withoutNul } from '../common/pg-text';
import type { PlanView } from '../common/plan-documents.port';
import type { PlanActionEntity } from './plan-action.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function status(v: unknown): ActieStatus {
  return (ACTIE_STATUSES as readonly unknown[]).includes(v) ? (v as ActieStatus) : 'open';
}

/**
 * The rows of the read model for one plan. Plan content comes from clients,
 * so every field is checked and bounded here: an odd value becomes null, never
 * an error that would stop the projection.
 */
export function projectActions(
  householdId: string,
  plan: Pick<PlanView, 'acties'>,
): Omit<PlanActionEntity, 'household'>[] {
  return plan.acties.flatMap((a) => {
    if (!a.id || a.id.length > 64 || a.id.includes('\u0000')) return [];
    const last = a.updates.at(-1);
    const lastAt = last ? new Date(last.tijd) : null;
    const created = a.aangemaakt ? new Date(a.aangemaakt) : null;
    return [
      {
        householdId,
        id: a.id,
        titel: withoutNul(a.titel).slice(0, 500),
        eigenaarId: a.eigenaarId && UUID.test(a.eigenaarId) ? a.eigenaarId : null,
        deadline: a.deadline && DATE.test(a.deadline) ? a.deadline : null,
        status: status(a.status),
        domein: (LEVENSDOMEINEN as readonly unknown[]).includes(a.domein) ? a.domein : null,
        lastUpdateText: last ? withoutNul(String(last.tekst)).slice(0, 2000) : null,
        lastUpdateBy: last ? withoutNul(String(last.auteurNaam)).slice(0, 200) : null,
        lastUpdateStatus: last ? status(last.status) : null,
        lastUpdateAt: lastAt && !Number.isNaN(lastAt.getTime()) ? lastAt : null,
        createdAt: created && !Number.isNaN(created.getTime()) ? created : null,
      },
    ];
  });
}

/** Today's date in the Netherlands, as YYYY-MM-DD: "overdue" is a Dutch calendar question. */
export function todayInNL(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}
