import { Injectable } from '@nestjs/common';
import {
  type ChangeColourRequest,
  type ColourOverviewDto,
  colourDirection,
  type Phase,
  type QuickscanDto,
  QuickscanRequest,
  quickscanOutcome,
} from '@spil/shared';
import { SpilError } from '../../../common/errors';
import { HouseholdEntity } from '../../households/household.entity';
import type { UserEntity } from '../../users/user.entity';
import { peopleByIds } from '../people';
import { ProcesAccess } from '../proces-access';
import { ProcesLive } from '../proces-live';
import type { QuickscanEntity } from './quickscan.entity';
import { QuickscanRepository } from './quickscan.repository';

/** After a quickscan, a household that was only registered moves on: groen to the plan, otherwise to the vraaganalyse. */
const EARLY_PHASES: Phase[] = ['aangemeld', 'quickscan'];

@Injectable()
export class QuickscanService {
  constructor(
    private readonly repo: QuickscanRepository,
    private readonly access: ProcesAccess,
    private readonly live: ProcesLive,
  ) {}

  async overview(user: UserEntity, householdId: string): Promise<ColourOverviewDto> {
    await this.access.require(user, householdId, 'internal');
    return this.load(householdId);
  }

  /** Record a quickscan: its colour becomes the household's colour, as the first (or a new) entry of the timeline. */
  async quickscan(
    user: UserEntity,
    householdId: string,
    input: QuickscanRequest,
  ): Promise<ColourOverviewDto> {
    await this.access.require(user, householdId, 'write', { openOnly: true });
    const body = QuickscanRequest.parse(input);
    const outcome = quickscanOutcome(body.answers);
    const phaseMoved = await this.repo.withLockedHousehold(householdId, async (em, household) => {
      const now = new Date();
      const previous = await this.repo.currentColour(householdId, em);
      const scan = await this.repo.insertQuickscan(em, {
        householdId,
        answers: body.answers,
        colour: outcome.colour,
        reasons: outcome.reasons,
        note: body.note,
        createdBy: user.id,
        createdAt: now,
      });
      await this.repo.insertChange(em, {
        householdId,
        colour: outcome.colour,
        previousColour: previous,
        kind: 'quickscan',
        reason: outcome.reasons.join('; '),
        quickscanId: scan.id,
        changedBy: user.id,
        changedAt: now,
      });
      if (EARLY_PHASES.includes(household.phase)) {
        const phase: Phase = outcome.colour === 'groen' ? 'plan' : 'vraaganalyse';
        await em.getRepository(HouseholdEntity).update({ id: householdId }, { phase });
        return true;
      }
      return false;
    });
    await this.live.changed(householdId, 'kleur', ...(phaseMoved ? (['fase'] as const) : []));
    return this.load(householdId);
  }

  /** Opschalen or afschalen, with a reason. Needs a quickscan first. */
  async changeColour(
    user: UserEntity,
    householdId: string,
    body: ChangeColourRequest,
  ): Promise<ColourOverviewDto> {
    await this.access.require(user, householdId, 'write', { openOnly: true });
    await this.repo.withLockedHousehold(householdId, async (em) => {
      const previous = await this.repo.currentColour(householdId, em);
      if (!previous) throw new SpilError('colour.quickscan_required');
      const kind = colourDirection(previous, body.colour);
      if (!kind) throw new SpilError('colour.unchanged', 'colour');
      await this.repo.insertChange(em, {
        householdId,
        colour: body.colour,
        previousColour: previous,
        kind,
        reason: body.reason,
        quickscanId: null,
        changedBy: user.id,
        changedAt: new Date(),
      });
    });
    await this.live.changed(householdId, 'kleur');
    return this.load(householdId);
  }

  private async load(householdId: string): Promise<ColourOverviewDto> {
    const em = this.repo.manager;
    const [scan, history] = await Promise.all([
      this.repo.latestQuickscan(householdId),
      this.repo.history(householdId),
    ]);
    const person = await peopleByIds(em, [
      scan?.createdBy ?? null,
      ...history.map((h) => h.changedBy),
    ]);
    const last = history.at(-1);
    return {
      current: last?.colour ?? null,
      quickscan: scan ? toQuickscanDto(scan, person) : null,
      history: history.map((h) => ({
        id: h.id,
        colour: h.colour,
        previous: h.previousColour,
        kind: h.kind,
        reason: h.reason,
        by: person(h.changedBy),
        at: h.changedAt.toISOString(),
      })),
    };
  }
}

function toQuickscanDto(
  q: QuickscanEntity,
  person: (id: string) => QuickscanDto['by'],
): QuickscanDto {
  return {
    id: q.id,
    householdId: q.householdId,
    answers: q.answers,
    colour: q.colour,
    reasons: q.reasons,
    note: q.note,
    by: person(q.createdBy),
    at: q.createdAt.toISOString(),
  };
}
