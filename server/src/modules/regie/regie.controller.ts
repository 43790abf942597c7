import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  AssignRegieRequest,
  HandoverDto,
  HandoverHistoryEntryDto,
  HandoverParams,
  HandoverRequest,
  IdParam,
  RegieDetailDto,
  WithdrawHandoverRequest,
} from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../common/zod';
import { Auth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RegieService } from './regie.service';

@ApiTags('regie')
@ApiBearerAuth()
@Controller('households/:id/regie')
export class RegieController {
  constructor(private readonly regie: RegieService) {}

  @Get()
  @ApiOperation({ summary: 'Current regiehouder, history (who, when, why) and an open handover' })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, RegieDetailDto)
  detail(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<RegieDetailDto> {
    return this.regie.detail(auth.user, p.id);
  }

  @Put()
  @ApiOperation({
    summary:
      'Assign regie (coördinator of the wijkteam); the new regiehouder must be a lid of the team',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(AssignRegieRequest)
  @ApiZodResponse(200, RegieDetailDto)
  assign(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(AssignRegieRequest) body: AssignRegieRequest,
  ): Promise<RegieDetailDto> {
    return this.regie.assign(auth.user, p.id, body);
  }

  @Get('overdracht')
  @ApiOperation({
    summary:
      'Every handover offer, newest first: how it ended, who answered or withdrew it, and why',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, z.array(HandoverHistoryEntryDto))
  handovers(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<HandoverHistoryEntryDto[]> {
    return this.regie.handovers(auth.user, p.id);
  }

  @Post('overdracht')
  @ApiOperation({ summary: 'The regiehouder offers regie to a colleague on the team' })
  @ApiZodParams(IdParam)
  @ApiZodBody(HandoverRequest)
  @ApiZodResponse(201, HandoverDto)
  offer(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(HandoverRequest) body: HandoverRequest,
  ): Promise<HandoverDto> {
    return this.regie.offer(auth.user, p.id, body);
  }

  @Post('overdracht/:handoverId/accepteren')
  @HttpCode(200)
  @ApiOperation({ summary: 'The receiver accepts the handover and becomes regiehouder' })
  @ApiZodParams(HandoverParams)
  @ApiZodResponse(200, RegieDetailDto)
  accept(
    @Auth() auth: AuthContext,
    @ZodParams(HandoverParams) p: z.infer<typeof HandoverParams>,
  ): Promise<RegieDetailDto> {
    return this.regie.decide(auth.user, p.id, p.handoverId, true);
  }

  @Post('overdracht/:handoverId/weigeren')
  @HttpCode(200)
  @ApiOperation({ summary: 'The receiver declines the handover' })
  @ApiZodParams(HandoverParams)
  @ApiZodResponse(200, RegieDetailDto)
  decline(
    @Auth() auth: AuthContext,
    @ZodParams(HandoverParams) p: z.infer<typeof HandoverParams>,
  ): Promise<RegieDetailDto> {
    return this.regie.decide(auth.user, p.id, p.handoverId, false);
  }

  @Post('overdracht/:handoverId/intrekken')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Withdraw an open handover offer (the one who made it, or the coördinator); the receiver is notified',
  })
  @ApiZodParams(HandoverParams)
  @ApiZodBody(WithdrawHandoverRequest)
  @ApiZodResponse(200, RegieDetailDto)
  withdraw(
    @Auth() auth: AuthContext,
    @ZodParams(HandoverParams) p: z.infer<typeof HandoverParams>,
    @ZodBody(WithdrawHandoverRequest) body: WithdrawHandoverRequest,
  ): Promise<RegieDetailDto> {
    return this.regie.withdraw(auth.user, p.id, p.handoverId, body);
  }
}
