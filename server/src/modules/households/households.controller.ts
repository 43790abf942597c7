import { Controller, Delete, Get, HttpCode, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  AddTeamMemberRequest,
  CreateHouseholdRequest,
  HouseholdDto,
  HouseholdListQuery,
  HouseholdSummaryDto,
  HouseholdTeamMemberParams,
  IdParam,
  PatchTeamMemberRequest,
  TeamMemberDto,
  TOTAL_COUNT_HEADER,
} from '@spil/shared';
import {
  ApiPagedResponse,
  ApiZodBody,
  ApiZodParams,
  ApiZodQuery,
  ApiZodResponse,
  ZodBody,
  ZodParams,
  ZodQuery,
} from '../../common/zod';
import { Auth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { HouseholdsService } from './households.service';

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Households the caller may see: their casus teams, or their wijkteam for a coördinator',
    description:
      'Searched (`q`: name, reference, wijk, first name of a member), filtered, sorted (`naam` in natural order, `activiteit`, `fase`) and paged (`limit`, `offset`; no `limit` answers every match). ' +
      `The answer stays a JSON array; the number of matches before paging is in the \`${TOTAL_COUNT_HEADER}\` header.`,
  })
  @ApiZodQuery(HouseholdListQuery)
  @ApiPagedResponse(HouseholdSummaryDto)
  async list(
    @Auth() auth: AuthContext,
    @ZodQuery(HouseholdListQuery) q: HouseholdListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdSummaryDto[]> {
    const { items, total } = await this.households.list(auth.user, q);
    res.setHeader(TOTAL_COUNT_HEADER, String(total));
    return items;
  }

  @Post()
  @ApiOperation({ summary: 'Register a household (coördinator)' })
  @ApiZodBody(CreateHouseholdRequest)
  @ApiZodResponse(201, HouseholdDto)
  create(
    @Auth() auth: AuthContext,
    @ZodBody(CreateHouseholdRequest) body: CreateHouseholdRequest,
  ): Promise<HouseholdDto> {
    return this.households.create(auth.user, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One household with members and casus team; 404 when not visible' })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, HouseholdDto)
  get(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<HouseholdDto> {
    return this.households.get(auth.user, p.id);
  }

  @Get(':id/team')
  @ApiOperation({ summary: 'The casus team' })
  @ApiZodParams(IdParam)
  @ApiZodResponse(200, z.array(TeamMemberDto))
  team(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
  ): Promise<TeamMemberDto[]> {
    return this.households.team(auth.user, p.id);
  }

  @Post(':id/team')
  @ApiOperation({ summary: 'Add a professional to the casus team (coördinator or regiehouder)' })
  @ApiZodParams(IdParam)
  @ApiZodBody(AddTeamMemberRequest)
  @ApiZodResponse(201, TeamMemberDto)
  addMember(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(AddTeamMemberRequest) body: AddTeamMemberRequest,
  ): Promise<TeamMemberDto> {
    return this.households.addMember(auth.user, p.id, body);
  }

  @Patch(':id/team/:userId')
  @ApiOperation({ summary: "Change a member's team role" })
  @ApiZodParams(HouseholdTeamMemberParams)
  @ApiZodBody(PatchTeamMemberRequest)
  @ApiZodResponse(200, TeamMemberDto)
  patchMember(
    @Auth() auth: AuthContext,
    @ZodParams(HouseholdTeamMemberParams) p: z.infer<typeof HouseholdTeamMemberParams>,
    @ZodBody(PatchTeamMemberRequest) body: PatchTeamMemberRequest,
  ): Promise<TeamMemberDto> {
    return this.households.patchMember(auth.user, p.id, p.userId, body);
  }

  @Delete(':id/team/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member; their live connections close at once' })
  @ApiZodParams(HouseholdTeamMemberParams)
  removeMember(
    @Auth() auth: AuthContext,
    @ZodParams(HouseholdTeamMemberParams) p: z.infer<typeof HouseholdTeamMemberParams>,
  ): Promise<void> {
    return this.households.removeMember(auth.user, p.id, p.userId);
  }
}
