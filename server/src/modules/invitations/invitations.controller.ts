import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ActivateRequest, IdParam, InviteRequest, InviteResponse } from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../../common/zod';
import { Auth, Public } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { InvitationsService } from './invitations.service';

@ApiTags('household accounts')
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('households/:id/uitnodigingen')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Invite the inwoner or a naaste (regiehouder or coördinator; the inwoner may invite a naaste)',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(InviteRequest)
  @ApiZodResponse(201, InviteResponse)
  invite(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(InviteRequest) body: InviteRequest,
  ): Promise<InviteResponse> {
    return this.invitations.invite(auth.user, p.id, body);
  }

  @Public()
  @Post('auth/activeren')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Activate an invited account with its single-use code and a new password',
  })
  @ApiZodBody(ActivateRequest)
  @ApiZodResponse(200, z.object({ email: z.string() }))
  activate(@ZodBody(ActivateRequest) body: ActivateRequest): Promise<{ email: string }> {
    return this.invitations.activate(body);
  }
}
