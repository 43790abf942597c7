import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { IdParam, RecordZrmRequest, ZrmScoreDto } from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../../common/zod';
import { Auth } from '../../auth/auth.guard';
import type { AuthContext } from '../../auth/auth.types';
import { ZrmService } from './zrm.service';

@ApiTags('proces')
@ApiBearerAuth()
@Controller('households')
export class ZrmController {
  constructor(private readonly service: ZrmService) {}

  @Get(':id/zrm')
  @ApiOperation({
    summary:
      'Current ZRM scores per member, moment and domain, with matrix version and a stale flag',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, z.array(ZrmScoreDto))
  list(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<ZrmScoreDto[]> {
    return this.service.list(auth.user, p.id);
  }

  @Post(':id/zrm')
  @ApiOperation({
    summary:
      'Score one household member at a moment (intake, tussentijds, evaluatie) on one or more domains',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(RecordZrmRequest)
  @ApiZodResponse(201, z.array(ZrmScoreDto))
  record(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(RecordZrmRequest) body: RecordZrmRequest,
  ): Promise<ZrmScoreDto[]> {
    return this.service.record(auth.user, p.id, body);
  }
}
