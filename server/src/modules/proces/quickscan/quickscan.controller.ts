import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ChangeColourRequest, ColourOverviewDto, IdParam, QuickscanRequest } from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../../common/zod';
import { Auth } from '../../auth/auth.guard';
import type { AuthContext } from '../../auth/auth.types';
import { QuickscanService } from './quickscan.service';

@ApiTags('proces')
@ApiBearerAuth()
@Controller('households')
export class QuickscanController {
  constructor(private readonly service: QuickscanService) {}

  @Get(':id/colour')
  @ApiOperation({
    summary:
      'Current colour, the last quickscan and the colour timeline (professionals and coördinator)',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, ColourOverviewDto)
  overview(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<ColourOverviewDto> {
    return this.service.overview(auth.user, p.id);
  }

  @Post(':id/quickscan')
  @ApiOperation({
    summary: 'Record a quickscan; its colour (groen, oranje, rood) and reasons join the timeline',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(QuickscanRequest)
  @ApiZodResponse(201, ColourOverviewDto)
  quickscan(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(QuickscanRequest) body: QuickscanRequest,
  ): Promise<ColourOverviewDto> {
    return this.service.quickscan(auth.user, p.id, body);
  }

  @Post(':id/colour')
  @ApiOperation({ summary: 'Opschalen or afschalen to another colour, with a reason' })
  @ApiZodParams(IdParam)
  @ApiZodBody(ChangeColourRequest)
  @ApiZodResponse(201, ColourOverviewDto)
  changeColour(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(ChangeColourRequest) body: ChangeColourRequest,
  ): Promise<ColourOverviewDto> {
    return this.service.changeColour(auth.user, p.id, body);
  }
}
