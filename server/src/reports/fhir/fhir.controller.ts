import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IdParam } from '@spil/shared';
import { ApiZodParams, ZodParams } from '../../common/zod';
import { Auth } from '../../modules/auth/auth.guard';
import type { AuthContext } from '../../modules/auth/auth.types';
import type { Bundle } from './fhir.types';
import { FhirService } from './fhir.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('households')
export class FhirController {
  constructor(private readonly service: FhirService) {}

  @Get(':id/fhir')
  @ApiOperation({
    summary:
      'The household as a FHIR R4 Bundle (collection): Group, Patient, CarePlan, CareTeam, Practitioner, Goal, Task, Consent, Appointment',
  })
  @ApiProduces('application/fhir+json')
  @ApiZodParams(IdParam)
  @ApiResponse({ status: 200, description: 'A FHIR R4 Bundle of type collection' })
  @Header('Content-Type', 'application/fhir+json; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  export(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<Bundle> {
    return this.service.export(auth.user, p.id);
  }
}
