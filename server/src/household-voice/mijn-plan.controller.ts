import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { IdParam, MijnPlanDto } from '@spil/shared';
import { ApiZodParams, ApiZodResponse, ZodParams } from '../common/zod';
import { Auth } from '../modules/auth/auth.guard';
import type { AuthContext } from '../modules/auth/auth.types';
import { MijnPlanService } from './mijn-plan.service';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households/:id/mijn-plan')
export class MijnPlanController {
  constructor(private readonly mijnPlan: MijnPlanService) {}

  @Get()
  @ApiOperation({
    summary:
      'Mijn plan: for the inwoner and naasten, who helps (in plain words, with phone and e-mail), who holds regie, ' +
      'and the next overleg the caller is invited to. 404 for anyone who may not see the household.',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, MijnPlanDto)
  get(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<MijnPlanDto> {
    return this.mijnPlan.get(auth.user, p.id);
  }
}
