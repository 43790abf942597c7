import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SpilError } from '../../common/errors';
import { PLAN_DOCUMENTS, type PlanDocuments } from '../../common/plan-documents.port';
import { ConsentService } from '../../modules/consent/consent.service';
import { HouseholdsService } from '../../modules/households/households.service';
import { MeetingsService } from '../../modules/meetings/meetings.service';
import { EvaluationsService } from '../../modules/proces/evaluations/evaluations.service';
import { ProcesAccess } from '../../modules/proces/proces-access';
import type { UserEntity } from '../../modules/users/user.entity';
import { VoorzieningenService } from '../../modules/voorzieningen/voorzieningen.service';
import { type FhirMeeting, type FhirVoorziening, householdBundle } from './fhir-bundle';
import type { Bundle } from './fhir.types';
import { validateBundle } from './fhir.validate';

/** Gathers one household's facts and plan and maps them to a FHIR R4 Bundle. */
@Injectable()
export class FhirService {
  private readonly logger = new Logger(FhirService.name);

  constructor(
    private readonly access: ProcesAccess,
    private readonly households: HouseholdsService,
    private readonly consents: ConsentService,
    private readonly evaluations: EvaluationsService,
    private readonly moduleRef: ModuleRef,
    @Inject(PLAN_DOCUMENTS) private readonly plans: PlanDocuments,
  ) {}

  /** Professionals of the team and the coördinator; 404 for a household the caller may not see. */
  async export(user: UserEntity, householdId: string): Promise<Bundle> {
    await this.access.require(user, householdId, 'internal');
    const household = await this.households.get(user, householdId);
    const [plan, consents, meetings, evaluation, voorzieningen] = await Promise.all([
      this.plans.read(householdId),
      this.consents.list(user, householdId),
      this.meetings(user, householdId),
      this.evaluations.overview(user, householdId),
      this.voorzieningen(user, householdId),
    ]);
    const bundle = householdBundle({
      household,
      team: household.team,
      regie: household.regie,
      plan,
      consents,
      meetings,
      evaluation: evaluation.evaluations[0] ?? null,
      voorzieningen,
    });
    const errors = validateBundle(bundle);
    if (errors.length) {
      // Paths only: the messages quote values (names, dates) from the household.
      const paths = errors.slice(0, 5).map((e) => e.split(': ')[0]);
      this.logger.error(`FHIR export of a household is invalid at ${paths.join(', ')}`);
      throw new SpilError('server.internal');
    }
    return bundle;
  }

  /** Voorzieningen come from their module when the app has it. */
  private async voorzieningen(user: UserEntity, householdId: string): Promise<FhirVoorziening[]> {
    let service: VoorzieningenService;
    try {
      service = this.moduleRef.get(VoorzieningenService, { strict: false });
    } catch {
      return [];
    }
    return service.list(user, householdId);
  }

  /** Meetings come from the meetings module when the app has it; without it there are none to map. */
  private async meetings(user: UserEntity, householdId: string): Promise<FhirMeeting[]> {
    let service: MeetingsService;
    try {
      service = this.moduleRef.get(MeetingsService, { strict: false });
    } catch {
      return [];
    }
    return service.list(user, householdId, 'all');
  }
}
