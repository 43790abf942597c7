import { Module } from '@nestjs/common';
import { CollabRepository } from '../../collab/collab.repository';
import { ConsentModule } from '../../modules/consent/consent.module';
import { EvaluationsModule } from '../../modules/proces/evaluations/evaluations.module';
import { ProcesAccess } from '../../modules/proces/proces-access';
import { FhirController } from './fhir.controller';
import { FHIR_PLAN_READER, StoredPlanReader } from './fhir.plan-reader';
import { FhirService } from './fhir.service';

/** FHIR export of one household. Lives outside modules/ because it reads plan documents. */
@Module({
  imports: [ConsentModule, EvaluationsModule],
  controllers: [FhirController],
  providers: [
    FhirService,
    ProcesAccess,
    CollabRepository,
    StoredPlanReader,
    { provide: FHIR_PLAN_READER, useExisting: StoredPlanReader },
  ],
})
export class FhirModule {}
