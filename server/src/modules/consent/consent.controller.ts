import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  ConsentDto,
  ConsentParams,
  CreateConsentRequest,
  IdParam,
  WithdrawConsentRequest,
} from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../common/zod';
import { Auth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { ConsentService } from './consent.service';

@ApiTags('toestemming')
@ApiBearerAuth()
@Controller('households/:id/consents')
export class ConsentController {
  constructor(private readonly consents: ConsentService) {}

  @Get()
  @ApiOperation({
    summary: 'Every consent (toestemming) of the household, withdrawn ones included, newest first',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, z.array(ConsentDto))
  list(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<ConsentDto[]> {
    return this.consents.list(auth.user, p.id);
  }

  @Post()
  @ApiOperation({
    summary: 'Record a consent (a lid of the team or the coördinator); access changes at once',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(CreateConsentRequest)
  @ApiZodResponse(201, ConsentDto)
  create(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(CreateConsentRequest) body: z.infer<typeof CreateConsentRequest>,
  ): Promise<ConsentDto> {
    return this.consents.create(auth.user, p.id, body);
  }

  @Post(':consentId/withdraw')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Withdraw a consent (a lid, the coördinator or the inwoner); what it allowed ends now, live connections included',
  })
  @ApiZodParams(ConsentParams)
  @ApiZodBody(WithdrawConsentRequest)
  @ApiZodResponse(200, ConsentDto)
  withdraw(
    @Auth() auth: AuthContext,
    @ZodParams(ConsentParams) p: z.infer<typeof ConsentParams>,
    @ZodBody(WithdrawConsentRequest) body: z.infer<typeof WithdrawConsentRequest>,
  ): Promise<ConsentDto> {
    return this.consents.withdraw(auth.user, p.id, p.consentId, body);
  }
}
