import { Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CreateEscalationRequest,
  EscalationDto,
  EscalationParams,
  IdParam,
  UpdateEscalationRequest,
} from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../../common/zod';
import { Auth } from '../../auth/auth.guard';
import type { AuthContext } from '../../auth/auth.types';
import { EscalationsService } from './escalations.service';

@ApiTags('proces')
@ApiBearerAuth()
@Controller('households')
export class EscalationsController {
  constructor(private readonly service: EscalationsService) {}

  @Get(':id/escalations')
  @ApiOperation({
    summary: 'Escalations of the household, open ones first (professionals and coördinator)',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, z.array(EscalationDto))
  list(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<EscalationDto[]> {
    return this.service.list(auth.user, p.id);
  }

  @Post(':id/escalations')
  @ApiOperation({
    summary: 'Escalate from rood to Veilig Thuis, the Zorg- en Veiligheidshuis or an expertiseteam',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(CreateEscalationRequest)
  @ApiZodResponse(201, EscalationDto)
  create(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(CreateEscalationRequest) body: CreateEscalationRequest,
  ): Promise<EscalationDto> {
    return this.service.create(auth.user, p.id, body);
  }

  @Patch(':id/escalations/:escalationId')
  @ApiOperation({
    summary: 'Record the outcome or contact of an escalation, or close it (needs an outcome)',
  })
  @ApiZodParams(EscalationParams)
  @ApiZodBody(UpdateEscalationRequest)
  @ApiZodResponse(200, EscalationDto)
  update(
    @Auth() auth: AuthContext,
    @ZodParams(EscalationParams) p: z.infer<typeof EscalationParams>,
    @ZodBody(UpdateEscalationRequest) body: UpdateEscalationRequest,
  ): Promise<EscalationDto> {
    return this.service.update(auth.user, p.id, p.escalationId, body);
  }
}
