/**
 * The server-owned part of a plan (`server.team`, `server.regie`), mirrored
 * from the authoritative tables. Read through the households module's
 * repository, which is exported for exactly this.
 */
import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { PlanDoc, type ServerRegie, type ServerTeamEntry, writeServerPart } from '@spil/shared';
import { HouseholdsRepository } from '../modules/households/households.repository';

export interface ServerPart {
  team: ServerTeamEntry[];
  regie: ServerRegie | null;
}

@Injectable()
export class ServerPartSource {
  constructor(private readonly households: HouseholdsRepository) {}

  async forHousehold(householdId: string): Promise<ServerPart> {
    const team = await this.households.teams([householdId]);
    const regie = (await this.households.regie([householdId])).get(householdId);
    return {
      team: team.map(({ membership, user }) => ({
        userId: user.id,
        name: user.name,
        discipline: user.discipline,
        domain: user.domain,
        role: membership.role,
      })),
      regie: regie
        ? { userId: regie.userId, name: regie.name, since: regie.since.toISOString() }
        : null,
    };
  }
}

/** Write only what differs, so an unchanged team or regie adds nothing to the log. */
export function writeServerPartIfChanged(doc: Y.Doc, part: ServerPart): void {
  const plan = new PlanDoc(doc);
  const patch: { team?: ServerTeamEntry[]; regie?: ServerRegie | null } = {};
  if (JSON.stringify(plan.team()) !== JSON.stringify(part.team) || !plan.serverMap.has('team'))
    patch.team = part.team;
  if (JSON.stringify(plan.regie()) !== JSON.stringify(part.regie) || !plan.serverMap.has('regie'))
    patch.regie = part.regie;
  if (patch.team !== undefined || patch.regie !== undefined) writeServerPart(doc, patch);
}
