import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BulkAssignRegieRequest, BulkAssignRegieResult } from '@spil/shared';
import { SpilError } from '../../common/errors';
import { ApiZodBody, ApiZodResponse, ZodBody } from '../../common/zod';
import { Auth, Roles } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { RegieService } from './regie.service';

@ApiTags('regie')
@ApiBearerAuth()
@Controller('regie')
export class RegieBulkController {
  constructor(private readonly regie: RegieService) {}

  @Post('toewijzen')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Assign regie over several households to one professional, with one reason',
    description:
      'Each household as `PUT /api/households/{id}/regie` would (the professional must be a lid of that team); ' +
      'households that cannot be assigned are listed in `refused` with the reason, the others are assigned.',
  })
  @ApiZodBody(BulkAssignRegieRequest)
  @ApiZodResponse(200, BulkAssignRegieResult)
  async assignMany(
    @Auth() auth: AuthContext,
    @ZodBody(BulkAssignRegieRequest) body: BulkAssignRegieRequest,
  ): Promise<BulkAssignRegieResult> {
    const result: BulkAssignRegieResult = { assigned: [], refused: [] };
    for (const householdId of new Set(body.householdIds)) {
      try {
        await this.regie.assign(auth.user, householdId, {
          userId: body.userId,
          reason: body.reason,
        });
        result.assigned.push(householdId);
      } catch (e) {
        if (!(e instanceof SpilError)) throw e;
        result.refused.push({ householdId, code: e.code, message: e.message });
      }
    }
    return result;
  }
}
