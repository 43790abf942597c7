import { Module } from '@nestjs/common';
import { ConsentModule } from '../../modules/consent/consent.module';
import { EvaluationsModule } from '../../modules/proces/evaluations/evaluations.module';
import { ProcesAccess } from '../../modules/proces/proces-access';
import { FhirController } from './fhir.controller';
import { FhirService } from './fhir.service';

/** FHIR export of one household. Reads the plan through the plan-documents port (`PLAN_DOCUMENTS`, global). */
@Module({
  imports: [ConsentModule, EvaluationsModule],
  controllers: [FhirController],
  providers: [FhirService, ProcesAccess],
})
export class FhirModule {}
