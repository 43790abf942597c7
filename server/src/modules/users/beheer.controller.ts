import { Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  AccountDto,
  IdParam,
  InviteProfessionalRequest,
  InviteProfessionalResponse,
  OrganisationDto,
  OrganisationRequest,
  PatchAccountRequest,
  WijkteamDto,
  WijkteamRequest,
} from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../common/zod';
import { Auth, Roles } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { BeheerService } from './beheer.service';

type Id = z.infer<typeof IdParam>;

@ApiTags('beheer')
@ApiBearerAuth()
@Controller('beheer')
@Roles('beheerder', 'coordinator')
export class BeheerController {
  constructor(private readonly beheer: BeheerService) {}

  @Get('wijkteams')
  @ApiOperation({ summary: 'Wijkteams: all for a beheerder, the own one for a coördinator' })
  @ApiZodResponse(200, z.array(WijkteamDto))
  wijkteams(@Auth() auth: AuthContext): Promise<WijkteamDto[]> {
    return this.beheer.wijkteams(auth.user);
  }

  @Post('wijkteams')
  @Roles('beheerder')
  @ApiOperation({ summary: 'A new wijkteam (beheerder)' })
  @ApiZodBody(WijkteamRequest)
  @ApiZodResponse(201, WijkteamDto)
  createWijkteam(
    @Auth() auth: AuthContext,
    @ZodBody(WijkteamRequest) body: WijkteamRequest,
  ): Promise<WijkteamDto> {
    return this.beheer.createWijkteam(auth.user, body);
  }

  @Put('wijkteams/:id')
  @ApiOperation({ summary: 'Rename a wijkteam (a coördinator only their own)' })
  @ApiZodParams(IdParam)
  @ApiZodBody(WijkteamRequest)
  @ApiZodResponse(200, WijkteamDto)
  updateWijkteam(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: Id,
    @ZodBody(WijkteamRequest) body: WijkteamRequest,
  ): Promise<WijkteamDto> {
    return this.beheer.updateWijkteam(auth.user, p.id, body);
  }

  @Get('organisations')
  @ApiOperation({ summary: 'Organisations professionals work for' })
  @ApiZodResponse(200, z.array(OrganisationDto))
  organisations(): Promise<OrganisationDto[]> {
    return this.beheer.organisations();
  }

  @Post('organisations')
  @ApiOperation({ summary: 'Add an organisation' })
  @ApiZodBody(OrganisationRequest)
  @ApiZodResponse(201, OrganisationDto)
  createOrganisation(
    @Auth() auth: AuthContext,
    @ZodBody(OrganisationRequest) body: OrganisationRequest,
  ): Promise<OrganisationDto> {
    return this.beheer.createOrganisation(auth.user, body.name);
  }

  @Put('organisations/:id')
  @Roles('beheerder')
  @ApiOperation({ summary: 'Rename an organisation; its accounts follow (beheerder)' })
  @ApiZodParams(IdParam)
  @ApiZodBody(OrganisationRequest)
  @ApiZodResponse(200, OrganisationDto)
  renameOrganisation(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: Id,
    @ZodBody(OrganisationRequest) body: OrganisationRequest,
  ): Promise<OrganisationDto> {
    return this.beheer.renameOrganisation(auth.user, p.id, body.name);
  }

  @Get('accounts')
  @ApiOperation({
    summary: 'Accounts of professionals: all for a beheerder, the own wijkteam for a coördinator',
  })
  @ApiZodResponse(200, z.array(AccountDto))
  accounts(@Auth() auth: AuthContext): Promise<AccountDto[]> {
    return this.beheer.list(auth.user);
  }

  @Post('accounts')
  @ApiOperation({
    summary: 'Invite a professional by e-mail: a single-use link that expires (INVITE_TTL_HOURS)',
  })
  @ApiZodBody(InviteProfessionalRequest)
  @ApiZodResponse(201, InviteProfessionalResponse)
  invite(
    @Auth() auth: AuthContext,
    @ZodBody(InviteProfessionalRequest) body: InviteProfessionalRequest,
  ): Promise<InviteProfessionalResponse> {
    return this.beheer.invite(auth.user, body);
  }

  @Patch('accounts/:id')
  @ApiOperation({ summary: 'Change an account’s role or wijkteam; its sessions end on a new role' })
  @ApiZodParams(IdParam)
  @ApiZodBody(PatchAccountRequest)
  @ApiZodResponse(200, AccountDto)
  update(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: Id,
    @ZodBody(PatchAccountRequest) body: PatchAccountRequest,
  ): Promise<AccountDto> {
    return this.beheer.update(auth.user, p.id, body);
  }

  @Post('accounts/:id/invite-again')
  @ApiOperation({
    summary:
      'A new invitation link for an account that is not active (expired link, or deactivated); earlier links stop working',
  })
  @ApiZodParams(IdParam)
  @ApiZodResponse(201, InviteProfessionalResponse)
  inviteAgain(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: Id,
  ): Promise<InviteProfessionalResponse> {
    return this.beheer.inviteAgain(auth.user, p.id);
  }

  @Post('accounts/:id/deactivate')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Deactivate an account: its sessions and live connections close at once; its history stays',
  })
  @ApiZodParams(IdParam)
  async deactivate(@Auth() auth: AuthContext, @ZodParams(IdParam) p: Id): Promise<void> {
    await this.beheer.deactivate(auth.user, p.id);
  }
}
