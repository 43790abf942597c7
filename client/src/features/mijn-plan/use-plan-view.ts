import type { Actie, Doel, EigenActie, Reactie, ServerRegie, ServerTeamEntry } from '@spil/shared';
import { useMemo } from 'react';
import * as Y from 'yjs';
import type { PlanSession } from '../plan/plan-session';
import { useObserveDeep } from '../plan/use-y';

export interface PlanView {
  doelen: Doel[];
  /** The professionals' actions that still go ahead. */
  acties: Actie[];
  eigenActies: EigenActie[];
  reacties: Reactie[];
  team: ServerTeamEntry[];
  regie: ServerRegie | null;
  /** The hulpvraag as plain paragraphs. */
  hulpvraag: string[];
}

/** The text of a rich-text fragment, one string per paragraph, without markup. */
export function plainParagraphs(fragment: Y.XmlFragment): string[] {
  const textOf = (node: unknown): string => {
    if (node instanceof Y.XmlText) {
      return (node.toDelta() as { insert?: unknown }[])
        .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
        .join('');
    }
    if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join('');
    return '';
  };
  return fragment
    .toArray()
    .map((n) => textOf(n).trim())
    .filter(Boolean);
}

/** What Mijn plan shows of the plan document, kept live. */
export function usePlanView(session: PlanSession): PlanView {
  const { plan } = session;
  const v = [
    useObserveDeep(plan.doelenMap),
    useObserveDeep(plan.actiesMap),
    useObserveDeep(plan.huishoudenMap),
    useObserveDeep(plan.serverMap),
    useObserveDeep(plan.hulpvraag),
  ].join(':');
  return useMemo(() => {
    void v;
    const byDeadline = (a: Actie, b: Actie) =>
      (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
      a.aangemaakt.localeCompare(b.aangemaakt);
    return {
      doelen: plan.doelen(),
      acties: plan
        .acties()
        .filter((a) => a.status !== 'vervallen')
        .sort(byDeadline),
      eigenActies: plan.eigenActies(),
      reacties: plan.reacties(),
      team: plan.team(),
      regie: plan.regie(),
      hulpvraag: plainParagraphs(plan.hulpvraag),
    };
  }, [plan, v]);
}
