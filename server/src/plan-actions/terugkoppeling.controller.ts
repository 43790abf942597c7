import { Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ActieParams, type StatusUpdate, TerugkoppelingRequest } from '@spil/shared';
import { ApiZodBody, ApiZodParams, ApiZodResponse, ZodBody, ZodParams } from '../common/zod';
import { Auth } from '../modules/auth/auth.guard';
import type { AuthContext } from '../modules/auth/auth.types';
import { TerugkoppelingService } from './terugkoppeling.service';

const StatusUpdateDto = z.object({
  id: z.string(),
  auteurId: z.string(),
  auteurNaam: z.string(),
  tekst: z.string(),
  status: z.string(),
  tijd: z.string(),
});

@ApiTags('acties')
@ApiBearerAuth()
@Controller('households/:id/acties/:actieId')
export class TerugkoppelingController {
  constructor(private readonly terugkoppeling: TerugkoppelingService) {}

  @Post('terugkoppeling')
  @ApiOperation({
    summary:
      'Send a status update on an action (its owner or the regiehouder); the team is notified',
  })
  @ApiZodParams(ActieParams)
  @ApiZodBody(TerugkoppelingRequest)
  @ApiZodResponse(201, StatusUpdateDto)
  send(
    @Auth() auth: AuthContext,
    @ZodParams(ActieParams) p: z.infer<typeof ActieParams>,
    @ZodBody(TerugkoppelingRequest) body: TerugkoppelingRequest,
  ): Promise<StatusUpdate> {
    return this.terugkoppeling.send(auth.user, p.id, p.actieId, body);
  }
}
