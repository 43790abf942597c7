import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ActionRowDto,
  IdParam,
  RegieOverzichtDto,
  RegieOverzichtQuery,
  WieDoetWatDto,
} from '@spil/shared';
import { ApiZodParams, ApiZodQuery, ApiZodResponse, ZodParams, ZodQuery } from '../common/zod';
import { Auth, Roles } from '../modules/auth/auth.guard';
import type { AuthContext } from '../modules/auth/auth.types';
import { ViewsService } from './views.service';

@ApiTags('views')
@ApiBearerAuth()
@Controller()
export class ViewsController {
  constructor(private readonly views: ViewsService) {}

  @Get('me/actions')
  @ApiOperation({ summary: 'My open actions across my households, by due date' })
  @ApiZodResponse(200, z.array(ActionRowDto))
  myActions(@Auth() auth: AuthContext): Promise<ActionRowDto[]> {
    return this.views.myActions(auth.user);
  }

  @Get('me/wie-doet-wat')
  @ApiOperation({
    summary: '"Wie doet wat" across all my households: regie, team, actions, last terugkoppeling',
  })
  @ApiZodResponse(200, z.array(WieDoetWatDto))
  mine(@Auth() auth: AuthContext): Promise<WieDoetWatDto[]> {
    return this.views.wieDoetWat(auth.user);
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
    return this.views.regieOpRegie(auth.user, q.stalledDays);
  }
}
