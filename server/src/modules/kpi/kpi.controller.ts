import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { KpiDto, KpiQuery } from '@spil/shared';
import { ApiZodQuery, ApiZodResponse, ZodQuery } from '../../common/zod';
import { Auth, Roles } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { todayInNl } from '../proces/people';
import { KpiService } from './kpi.service';

@ApiTags('kpi')
@ApiBearerAuth()
@Controller('kpi')
@Roles('coordinator')
export class KpiController {
  constructor(private readonly service: KpiService) {}

  @Get()
  @ApiOperation({
    summary:
      'KPIs of the coördinator’s wijkteam, filtered by wijk and period (YYYY-MM-DD, inclusive)',
  })
  @ApiZodQuery(KpiQuery)
  @ApiZodResponse(200, KpiDto)
  kpis(@Auth() auth: AuthContext, @ZodQuery(KpiQuery) q: KpiQuery): Promise<KpiDto> {
    return this.service.kpis(auth.user, q);
  }

  @Get('export.csv')
  @ApiOperation({ summary: 'The same KPIs as CSV (semicolons, decimal comma, UTF-8)' })
  @ApiProduces('text/csv')
  @Header('Cache-Control', 'no-store')
  async csv(
    @Auth() auth: AuthContext,
    @ZodQuery(KpiQuery) q: KpiQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const body = await this.service.csv(auth.user, q);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="spil-kpi-${todayInNl()}.csv"`);
    return body;
  }
}
