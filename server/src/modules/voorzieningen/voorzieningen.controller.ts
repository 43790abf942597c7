import { Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  CreateVoorzieningRequest,
  HouseholdBudgetDto,
  IdParam,
  MijnHulpDto,
  UpdateVoorzieningPricesRequest,
  UpdateVoorzieningRequest,
  VoorzieningDto,
  VoorzieningLinksDto,
  VoorzieningParams,
  VoorzieningPriceDto,
} from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../common/zod';
import { Auth, Roles } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { VoorzieningenService } from './voorzieningen.service';

@ApiTags('voorzieningen')
@ApiBearerAuth()
@Controller()
export class VoorzieningenController {
  constructor(private readonly service: VoorzieningenService) {}

  @Get('voorzieningen/prijzen')
  @Roles('coordinator', 'professional')
  @ApiOperation({ summary: 'Prices per kind of voorziening for the caller’s wijkteam' })
  @ApiZodResponse(200, z.array(VoorzieningPriceDto))
  prices(@Auth() auth: AuthContext): Promise<VoorzieningPriceDto[]> {
    return this.service.prices(auth.user);
  }

  @Put('voorzieningen/prijzen')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Set the wijkteam’s prices (coördinator); null returns to the default' })
  @ApiZodBody(UpdateVoorzieningPricesRequest)
  @ApiZodResponse(200, z.array(VoorzieningPriceDto))
  updatePrices(
    @Auth() auth: AuthContext,
    @ZodBody(UpdateVoorzieningPricesRequest) body: UpdateVoorzieningPricesRequest,
  ): Promise<VoorzieningPriceDto[]> {
    return this.service.updatePrices(auth.user, body);
  }

  @Get('households/:id/voorzieningen')
  @ApiOperation({
    summary: 'Voorzieningen of the household with their beschikking (professionals, coördinator)',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, z.array(VoorzieningDto))
  list(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<VoorzieningDto[]> {
    return this.service.list(auth.user, p.id);
  }

  @Post('households/:id/voorzieningen')
  @ApiOperation({
    summary:
      'Record a voorziening (a lid of the team or the coördinator); an empty cost is filled from the price list',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(CreateVoorzieningRequest)
  @ApiZodResponse(201, VoorzieningDto)
  create(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(CreateVoorzieningRequest) body: CreateVoorzieningRequest,
  ): Promise<VoorzieningDto> {
    return this.service.create(auth.user, p.id, body);
  }

  @Patch('households/:id/voorzieningen/:voorzieningId')
  @ApiOperation({
    summary:
      'Change a voorziening or move its beschikking on (aangevraagd → toegekend | afgewezen → lopend → beëindigd)',
  })
  @ApiZodParams(VoorzieningParams)
  @ApiZodBody(UpdateVoorzieningRequest)
  @ApiZodResponse(200, VoorzieningDto)
  update(
    @Auth() auth: AuthContext,
    @ZodParams(VoorzieningParams) p: z.infer<typeof VoorzieningParams>,
    @ZodBody(UpdateVoorzieningRequest) body: UpdateVoorzieningRequest,
  ): Promise<VoorzieningDto> {
    return this.service.update(auth.user, p.id, p.voorzieningId, body);
  }

  @Delete('households/:id/voorzieningen/:voorzieningId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a voorziening recorded by mistake' })
  @ApiZodParams(VoorzieningParams)
  async remove(
    @Auth() auth: AuthContext,
    @ZodParams(VoorzieningParams) p: z.infer<typeof VoorzieningParams>,
  ): Promise<void> {
    await this.service.remove(auth.user, p.id, p.voorzieningId);
  }

  @Get('households/:id/voorziening-koppelingen')
  @ApiOperation({ summary: 'Doelen and acties of the plan that a voorziening may serve' })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, VoorzieningLinksDto)
  links(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<VoorzieningLinksDto> {
    return this.service.links(auth.user, p.id);
  }

  @Get('households/:id/budget')
  @ApiOperation({
    summary:
      'One budget for the household: running and planned costs per month and year per law, net effect against the costs avoided, warnings',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, HouseholdBudgetDto)
  budget(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<HouseholdBudgetDto> {
    return this.service.budget(auth.user, p.id);
  }

  @Get('households/:id/mijn-hulp')
  @ApiOperation({
    summary:
      'For Mijn plan: which help runs, who gives it, until when (amounts if the municipality shows them)',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, MijnHulpDto)
  mijnHulp(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<MijnHulpDto> {
    return this.service.mijnHulp(auth.user, p.id);
  }
}
