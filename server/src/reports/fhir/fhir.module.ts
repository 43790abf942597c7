import { Module } from '@nestjs/common';
import { CollabService } from '../../collab/collab.service';
import { ConsentModule } from '../../modules/consent/consent.module';
import { EvaluationsModule } from '../../modules/proces/evaluations/evaluations.module';
import { ProcesAccess } from '../../modules/proces/proces-access';
import { FhirController } from './fhir.controller';
import { FHIR_PLAN_READER } from './fhir.plan-reader';
import { FhirService } from './fhir.service';

/** FHIR export of one household. Lives outside modules/ because it reads plan documents (CollabModule is global). */
@Module({
  imports: [ConsentModule, EvaluationsModule],
  controllers: [FhirController],
  providers: [FhirService, ProcesAccess, { provide: FHIR_PLAN_READER, useExisting: CollabService }],
})
export class FhirModule {}
