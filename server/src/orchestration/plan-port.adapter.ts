/**
 * The meetings module's `PlanPort` on top of collab: modules never import
 * the collab layer (lint rule), so the bridge lives here. A decision of an
 * overleg becomes an action through `CollabService.withDoc`, which stores the
 * change in the update log and relays it to every open plan like any update.
 */
import { Injectable } from '@nestjs/common';
import { docNameOf, PlanDoc } from '@spil/shared';
import { CollabService } from '../collab/collab.service';
import type { NewActie, PlanPort } from '../modules/meetings/plan.port';

@Injectable()
export class CollabPlanPort implements PlanPort {
  constructor(private readonly collab: CollabService) {}

  async read(householdId: string): ReturnType<PlanPort['read']> {
    const doc = await this.collab.readDoc(docNameOf(householdId));
    try {
      const plan = new PlanDoc(doc);
      return { acties: plan.acties(), doelen: plan.doelen() };
    } finally {
      doc.destroy();
    }
  }

  async addActie(householdId: string, actie: NewActie): Promise<string> {
    const added: { id?: string } = {};
    const changed = await this.collab.withDoc(docNameOf(householdId), (doc) => {
      added.id = new PlanDoc(doc).addActie(actie);
    });
    if (!changed || !added.id) throw new Error('The plan did not take the action');
    return added.id;
  }
}
