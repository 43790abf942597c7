import { Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  EffectPriceDto,
  HouseholdEffectsDto,
  IdParam,
  SaveEffectsRequest,
  UpdateEffectPricesRequest,
} from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../../common/zod';
import { Auth, Roles } from '../../auth/auth.guard';
import type { AuthContext } from '../../auth/auth.types';
import { EffectsService } from './effects.service';

@ApiTags('proces')
@ApiBearerAuth()
@Controller()
export class EffectsController {
  constructor(private readonly service: EffectsService) {}

  @Get('effects/prices')
  @Roles('coordinator', 'professional')
  @ApiOperation({
    summary:
      'Price list of avoided events for the caller’s region (wijkteam), defaults where not set',
  })
  @ApiZodResponse(200, z.array(EffectPriceDto))
  prices(@Auth() auth: AuthContext): Promise<EffectPriceDto[]> {
    return this.service.prices(auth.user);
  }

  @Put('effects/prices')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Set the region’s amounts (coördinator); null returns an event to its default',
  })
  @ApiZodBody(UpdateEffectPricesRequest)
  @ApiZodResponse(200, z.array(EffectPriceDto))
  updatePrices(
    @Auth() auth: AuthContext,
    @ZodBody(UpdateEffectPricesRequest) body: UpdateEffectPricesRequest,
  ): Promise<EffectPriceDto[]> {
    return this.service.updatePrices(auth.user, body);
  }

  @Get('households/:id/effects')
  @ApiOperation({ summary: 'Effect estimate of the household and the price list of its region' })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, HouseholdEffectsDto)
  get(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<HouseholdEffectsDto> {
    return this.service.get(auth.user, p.id);
  }

  @Put('households/:id/effects')
  @ApiOperation({
    summary: 'Save the likely course without the intervention and the costs thereby avoided',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(SaveEffectsRequest)
  @ApiZodResponse(200, HouseholdEffectsDto)
  save(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(SaveEffectsRequest) body: SaveEffectsRequest,
  ): Promise<HouseholdEffectsDto> {
    return this.service.save(auth.user, p.id, body);
  }
}
