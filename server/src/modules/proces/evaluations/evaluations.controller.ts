import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CreateEvaluationRequest,
  EvaluationOverviewDto,
  IdParam,
  PlanGoalsDto,
  ReopenRequest,
} from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../../common/zod';
import { Auth } from '../../auth/auth.guard';
import type { AuthContext } from '../../auth/auth.types';
import { EvaluationsService } from './evaluations.service';

@ApiTags('proces')
@ApiBearerAuth()
@Controller('households')
export class EvaluationsController {
  constructor(private readonly service: EvaluationsService) {}

  @Get(':id/evaluation')
  @ApiOperation({ summary: 'Evaluations of the household and its closing and reopening history' })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, EvaluationOverviewDto)
  overview(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<EvaluationOverviewDto> {
    return this.service.overview(auth.user, p.id);
  }

  @Get(':id/doelen')
  @ApiOperation({
    summary:
      'The doelen of the plan as stored now (id, title, levensdomein), for the evaluation form; recorded as doelen.read',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, PlanGoalsDto)
  goals(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<PlanGoalsDto> {
    return this.service.goals(auth.user, p.id);
  }

  @Post(':id/evaluation')
  @ApiOperation({
    summary:
      'Evaluate the trajectory (goals, final ZRM, the inwoner’s view) and close the household',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(CreateEvaluationRequest)
  @ApiZodResponse(201, EvaluationOverviewDto)
  evaluate(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(CreateEvaluationRequest) body: CreateEvaluationRequest,
  ): Promise<EvaluationOverviewDto> {
    return this.service.evaluate(auth.user, p.id, body);
  }

  @Post(':id/reopen')
  @ApiOperation({ summary: 'Reopen a closed household, with a reason' })
  @ApiZodParams(IdParam)
  @ApiZodBody(ReopenRequest)
  @ApiZodResponse(201, EvaluationOverviewDto)
  reopen(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(ReopenRequest) body: ReopenRequest,
  ): Promise<EvaluationOverviewDto> {
    return this.service.reopen(auth.user, p.id, body);
  }
}
