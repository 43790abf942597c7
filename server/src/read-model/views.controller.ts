import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ActionRowDto,
  HouseholdListQuery,
  IdParam,
  RegieOverzichtDto,
  RegieHouseholdRowDto,
  RegieHouseholdsQuery,
  RegieOverzichtQuery,
  TOTAL_COUNT_HEADER,
  WieDoetWatDto,
} from '@spil/shared';
import {
  ApiPagedResponse,
  ApiZodParams,
  ApiZodQuery,
  ApiZodResponse,
  ZodParams,
  ZodQuery,
} from '../common/zod';
import { Auth, Roles } from '../modules/auth/auth.guard';
import type { AuthContext } from '../modules/auth/auth.types';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ViewsService } from './views.service';

@ApiTags('views')
@ApiBearerAuth()
@Controller()
export class ViewsController {
  constructor(
    private readonly views: ViewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('me/actions')
  @ApiOperation({ summary: 'My open actions across my households, by due date' })
  @ApiZodResponse(200, z.array(ActionRowDto))
  myActions(@Auth() auth: AuthContext): Promise<ActionRowDto[]> {
    return this.views.myActions(auth.user);
  }

  @Get('me/wie-doet-wat')
  @ApiOperation({
    summary: '"Wie doet wat" across all my households: regie, team, actions, last terugkoppeling',
    description: `The filters, sort and paging of \`GET /api/households\` over the households the caller may see (closed ones left out); the number of matches is in \`${TOTAL_COUNT_HEADER}\`.`,
  })
  @ApiZodQuery(HouseholdListQuery)
  @ApiPagedResponse(WieDoetWatDto)
  async mine(
    @Auth() auth: AuthContext,
    @ZodQuery(HouseholdListQuery) q: HouseholdListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WieDoetWatDto[]> {
    const rows = await this.views.wieDoetWat(auth.user, undefined, q);
    res.setHeader(TOTAL_COUNT_HEADER, String(rows.total ?? rows.length));
    return [...rows];
  }

  @Get('households/:id/wie-doet-wat')
  @ApiOperation({ summary: '"Wie doet wat" for one household' })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, WieDoetWatDto)
  async one(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<WieDoetWatDto> {
    const [one] = await this.views.wieDoetWat(auth.user, p.id);
    return one as WieDoetWatDto;
  }

  @Get('regie/overzicht')
  @Roles('coordinator')
  @ApiOperation({
    summary:
      'Regie op regie: households without regiehouder, stalled households, overdue actions, workload',
  })
  @ApiZodQuery(RegieOverzichtQuery)
  @ApiZodResponse(200, RegieOverzichtDto)
  overzicht(
    @Auth() auth: AuthContext,
    @ZodQuery(RegieOverzichtQuery) q: z.infer<typeof RegieOverzichtQuery>,
  ): Promise<RegieOverzichtDto> {
    return this.views.regieOpRegie(
      auth.user,
      q.stalledDays ?? this.config.STALLED_AFTER_DAYS,
      q.listLimit,
    );
  }

  @Get('regie/huishoudens')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Regie op regie: the households of the wijkteam with who can hold regie, paged',
    description:
      'The filters, sort and paging of `GET /api/households`, limited to the coördinator’s wijkteam and to households not closed; ' +
      '`vastgelopen=true`: in uitvoering, with open actions, and no terugkoppeling for `stalledDays` (default the setting `STALLED_AFTER_DAYS`). ' +
      `A JSON array; the number of matches is in \`${TOTAL_COUNT_HEADER}\`.`,
  })
  @ApiZodQuery(RegieHouseholdsQuery)
  @ApiPagedResponse(RegieHouseholdRowDto)
  async regieHouseholds(
    @Auth() auth: AuthContext,
    @ZodQuery(RegieHouseholdsQuery) q: RegieHouseholdsQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegieHouseholdRowDto[]> {
    const { items, total } = await this.views.regieHouseholds(
      auth.user,
      q,
      q.stalledDays ?? this.config.STALLED_AFTER_DAYS,
    );
    res.setHeader(TOTAL_COUNT_HEADER, String(total));
    return items;
  }
}
