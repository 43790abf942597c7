import { Inject, Injectable } from '@nestjs/common';
import { ACTIE_STATUS_LABELS, type StatusUpdate, type TerugkoppelingRequest } from '@spil/shared';
import { SpilError } from '../common/errors';
import { PLAN_DOCUMENTS, type PlanDocuments } from '../common/plan-documents.port';
import { HouseholdAccessPolicy } from '../modules/households/household-access.policy';
import { HouseholdsRepository } from '../modules/households/households.repository';
import { NotificationsService } from '../modules/notifications/notifications.service';
import type { UserEntity } from '../modules/users/user.entity';

/**
 * Terugkoppeling: the owner of an action (or the regiehouder) sends a status
 * update. It is written into the plan by the server through the plan-documents
 * port (so it is stored and every open plan shows it at once), and the regiehouder and the team are notified.
 */
@Injectable()
export class TerugkoppelingService {
  constructor(
    @Inject(PLAN_DOCUMENTS) private readonly plans: PlanDocuments,
    private readonly policy: HouseholdAccessPolicy,
    private readonly households: HouseholdsRepository,
    private readonly notifications: NotificationsService,
  ) {}

  async send(
    user: UserEntity,
    householdId: string,
    actieId: string,
    body: TerugkoppelingRequest,
  ): Promise<StatusUpdate> {
    const access = await this.policy.access(user, householdId);
    if (!access) throw new SpilError('household.not_found');
    const regie = (await this.households.regie([householdId])).get(householdId);
    const isRegiehouder = regie?.userId === user.id;
    if (access.teamRole !== 'lid' && !isRegiehouder) throw new SpilError('actie.not_owner');

    const actie = (await this.plans.read(householdId)).acties.find((a) => a.id === actieId);
    if (!actie) throw new SpilError('actie.not_found');
    if (actie.eigenaarId !== user.id && !isRegiehouder) throw new SpilError('actie.not_owner');

    const { result: written } = await this.plans.change(householdId, (plan): StatusUpdate | null =>
      plan.actie(actieId)
        ? plan.addStatusUpdate(actieId, {
            auteurId: user.id,
            auteurNaam: user.name,
            tekst: body.tekst,
            status: body.status,
          })
        : null,
    );
    if (!written) throw new SpilError('actie.not_found');

    const team = await this.households.teams([householdId]);
    const recipients = team
      .filter((t) => t.membership.role === 'lid' || t.membership.role === 'meelezer')
      .map((t) => t.user.id)
      .concat(regie ? [regie.userId] : [])
      .filter((id) => id !== user.id);
    const household = await this.households.findById(householdId);
    await this.notifications.notify(recipients, {
      kind: 'terugkoppeling',
      householdId,
      title: `${user.name} over “${actie.titel}” (${household?.displayName ?? ''}): ${ACTIE_STATUS_LABELS[body.status]}`,
      body: body.tekst,
    });
    return written;
  }
}
