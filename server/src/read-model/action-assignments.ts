import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HouseholdsRepository } from '../modules/households/households.repository';
import { NotificationsService } from '../modules/notifications/notifications.service';
import { quote } from '../modules/notifications/quote';

/** An action of a plan that has a new owner. */
export interface NewOwner {
  actieId: string;
  titel: string;
  eigenaarId: string;
  /** Who made the change that set the owner (empty: the server, or not known). */
  authors: readonly string[];
}

/**
 * "Een actie aan jou gegeven": the one path by which a new owner of an action
 * hears of it, however the owner was set (the live plan editor, or an overleg
 * decision through `PLAN_DOCUMENTS.change`). `ActionProjector` calls it when
 * the projected owner of an action changes. Nobody is told of an action they
 * gave themselves, and only a `lid` of the household's current team is told
 * at all: plan content may name any id. The notification quotes the title,
 * which the team reads in the plan anyway; an e-mail (by the owner's own
 * setting) holds only a link to the action.
 */
@Injectable()
export class ActionAssignments {
  constructor(
    private readonly households: HouseholdsRepository,
    private readonly notifications: NotificationsService,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  async assigned(householdId: string, owners: NewOwner[]): Promise<void> {
    const told = owners.filter((o) => !o.authors.includes(o.eigenaarId));
    if (told.length === 0) return;
    const household = await this.households.findById(householdId);
    if (!household) return;
    const team = await this.households.teams([householdId]);
    const members = new Set(team.filter((t) => t.membership.role === 'lid').map((t) => t.user.id));
    const authorIds = [...new Set(told.flatMap((o) => o.authors))];
    const names = new Map(
      (
        await this.ds.query<{ id: string; name: string }[]>(
          `SELECT id, name FROM app_user WHERE id = ANY($1::uuid[])`,
          [authorIds],
        )
      ).map((u) => [u.id, u.name] as const),
    );
    for (const o of told) {
      if (!members.has(o.eigenaarId)) continue;
      const by = o.authors.length === 1 ? names.get(o.authors[0] as string) : undefined;
      await this.notifications.notify([o.eigenaarId], {
        kind: 'actie',
        householdId,
        title: by
          ? `${by} geeft je een actie (${household.displayName})`
          : `Je hebt een actie gekregen (${household.displayName})`,
        body: `“${quote(o.titel)}”`,
        path: `/huishoudens/${householdId}?actie=${encodeURIComponent(o.actieId)}`,
      });
    }
  }
}
