import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CollaborationEvaluationDto,
  CreateCollaborationEvaluationRequest,
  IdParam,
} from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../common/zod';
import { Auth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { CollaborationEvaluationsService } from './collaboration-evaluations.service';

@ApiTags('overleg')
@ApiBearerAuth()
@Controller('households/:id/collaboration-evaluations')
export class CollaborationEvaluationsController {
  constructor(private readonly evaluations: CollaborationEvaluationsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Evaluations of the collaboration of the casus team (professionals only), newest first',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, z.array(CollaborationEvaluationDto))
  list(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<CollaborationEvaluationDto[]> {
    return this.evaluations.list(auth.user, p.id);
  }

  @Post()
  @ApiOperation({
    summary:
      'Record how the collaboration went (what went well, what to improve), after an overleg or at the end',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(CreateCollaborationEvaluationRequest)
  @ApiZodResponse(201, CollaborationEvaluationDto)
  create(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(CreateCollaborationEvaluationRequest)
    body: z.infer<typeof CreateCollaborationEvaluationRequest>,
  ): Promise<CollaborationEvaluationDto> {
    return this.evaluations.create(auth.user, p.id, body);
  }
}
