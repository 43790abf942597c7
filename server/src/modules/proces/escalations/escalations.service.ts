import { Injectable } from '@nestjs/common';
import type {
  CreateEscalationRequest,
  EscalationDto,
  PersonRef,
  UpdateEscalationRequest,
} from '@spil/shared';
import { SpilError } from '../../../common/errors';
import type { UserEntity } from '../../users/user.entity';
import { peopleByIds } from '../people';
import { ProcesAccess } from '../proces-access';
import { ProcesLive } from '../proces-live';
import { QuickscanRepository } from '../quickscan/quickscan.repository';
import type { EscalationEntity } from './escalation.entity';
import { EscalationsRepository } from './escalations.repository';

@Injectable()
export class EscalationsService {
  constructor(
    private readonly repo: EscalationsRepository,
    private readonly colours: QuickscanRepository,
    private readonly access: ProcesAccess,
    private readonly live: ProcesLive,
  ) {}

  async list(user: UserEntity, householdId: string): Promise<EscalationDto[]> {
    await this.access.require(user, householdId, 'internal');
    return this.toDtos(await this.repo.list(householdId));
  }

  /** Escalate from rood: to Veilig Thuis, the Zorg- en Veiligheidshuis or an expertiseteam. */
  async create(
    user: UserEntity,
    householdId: string,
    body: CreateEscalationRequest,
  ): Promise<EscalationDto> {
    await this.access.require(user, householdId, 'write', { openOnly: true });
    const row = await this.colours.withLockedHousehold(householdId, async (em) => {
      if ((await this.colours.currentColour(householdId, em)) !== 'rood')
        throw new SpilError('escalation.requires_rood');
      return this.repo.insert(em, {
        householdId,
        target: body.target,
        date: body.date,
        reason: body.reason,
        contact: body.contact,
        outcome: null,
        createdBy: user.id,
        createdAt: new Date(),
        closedBy: null,
        closedAt: null,
      });
    });
    await this.live.changed(householdId, 'escalatie');
    return (await this.toDtos([row]))[0] as EscalationDto;
  }

  /** Record the outcome, change the contact, or close. A closed escalation stays as it is. */
  async update(
    user: UserEntity,
    householdId: string,
    id: string,
    body: UpdateEscalationRequest,
  ): Promise<EscalationDto> {
    await this.access.require(user, householdId, 'write');
    const row = await this.repo.transaction(async (em) => {
      const e = await this.repo.findForUpdate(em, householdId, id);
      if (!e) throw new SpilError('escalation.not_found');
      if (e.closedAt) throw new SpilError('escalation.closed');
      if (body.contact !== undefined) e.contact = body.contact;
      if (body.outcome !== undefined) e.outcome = body.outcome;
      if (body.close) {
        if (!e.outcome) throw new SpilError('escalation.outcome_required', 'outcome');
        e.closedAt = new Date();
        e.closedBy = user.id;
      }
      return this.repo.save(em, e);
    });
    await this.live.changed(householdId, 'escalatie');
    return (await this.toDtos([row]))[0] as EscalationDto;
  }

  private async toDtos(rows: EscalationEntity[]): Promise<EscalationDto[]> {
    const person = await peopleByIds(
      this.repo.manager,
      rows.flatMap((r) => [r.createdBy, r.closedBy]),
    );
    return rows.map((e) => toDto(e, person));
  }
}

function toDto(e: EscalationEntity, person: (id: string) => PersonRef): EscalationDto {
  return {
    id: e.id,
    householdId: e.householdId,
    target: e.target,
    date: e.date,
    reason: e.reason,
    contact: e.contact,
    outcome: e.outcome,
    open: e.closedAt === null,
    by: person(e.createdBy),
    at: e.createdAt.toISOString(),
    closedBy: e.closedBy ? person(e.closedBy) : null,
    closedAt: e.closedAt?.toISOString() ?? null,
  };
}
