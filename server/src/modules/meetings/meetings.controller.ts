import { Controller, Get, Header, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import {
  AgendaDraftQuery,
  AgendaItem,
  AttendanceRequest,
  CreateMeetingRequest,
  DecisionRequest,
  IdParam,
  MeetingDecisionDto,
  MeetingDto,
  MeetingListQuery,
  MeetingParams,
  UpdateMeetingRequest,
} from '@spil/shared';
import {
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
import { MeetingsService } from './meetings.service';

const ICS = 'text/calendar; charset=utf-8';

/** Where this request reached Spil, for links in calendar entries. */
export function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

@ApiTags('overleg')
@ApiBearerAuth()
@Controller('households/:id/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Overlegmomenten of the household, by start; `when` filters upcoming or past (past: newest first)',
  })
  @ApiZodParams(IdParam)
  @ApiZodQuery(MeetingListQuery)
  @ApiZodResponse(200, z.array(MeetingDto))
  list(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodQuery(MeetingListQuery) q: z.infer<typeof MeetingListQuery>,
  ): Promise<MeetingDto[]> {
    return this.meetings.list(auth.user, p.id, q.when);
  }

  @Post()
  @ApiOperation({
    summary:
      'Plan an overleg (a lid or the coördinator); without `agenda` one is drafted from the plan',
  })
  @ApiZodParams(IdParam)
  @ApiZodBody(CreateMeetingRequest)
  @ApiZodResponse(201, MeetingDto)
  create(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodBody(CreateMeetingRequest) body: z.infer<typeof CreateMeetingRequest>,
  ): Promise<MeetingDto> {
    return this.meetings.create(auth.user, p.id, body);
  }

  @Get('agenda-draft')
  @ApiOperation({
    summary:
      'An agenda drafted from the open and overdue actions and the doelen, to edit before planning',
  })
  @ApiZodParams(IdParam)
  @ApiZodQuery(AgendaDraftQuery)
  @ApiZodResponse(200, z.array(AgendaItem))
  agendaDraft(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodQuery(AgendaDraftQuery) q: z.infer<typeof AgendaDraftQuery>,
  ): Promise<AgendaItem[]> {
    return this.meetings.agendaDraft(auth.user, p.id, q.kind);
  }

  @Get(':meetingId')
  @ApiOperation({ summary: 'One overleg with agenda, participants, attendance and decisions' })
  @ApiZodParams(MeetingParams)
  @ApiZodResponse(200, MeetingDto)
  get(
    @Auth() auth: AuthContext,
    @ZodParams(MeetingParams) p: z.infer<typeof MeetingParams>,
  ): Promise<MeetingDto> {
    return this.meetings.get(auth.user, p.id, p.meetingId);
  }

  @Patch(':meetingId')
  @ApiOperation({
    summary: 'Reschedule, edit the agenda or invitations, mark as held or cancelled',
  })
  @ApiZodParams(MeetingParams)
  @ApiZodBody(UpdateMeetingRequest)
  @ApiZodResponse(200, MeetingDto)
  update(
    @Auth() auth: AuthContext,
    @ZodParams(MeetingParams) p: z.infer<typeof MeetingParams>,
    @ZodBody(UpdateMeetingRequest) body: z.infer<typeof UpdateMeetingRequest>,
  ): Promise<MeetingDto> {
    return this.meetings.update(auth.user, p.id, p.meetingId, body);
  }

  @Put(':meetingId/attendance')
  @ApiOperation({ summary: 'Record attendance (aanwezig, afgemeld, afwezig) of participants' })
  @ApiZodParams(MeetingParams)
  @ApiZodBody(AttendanceRequest)
  @ApiZodResponse(200, MeetingDto)
  attendance(
    @Auth() auth: AuthContext,
    @ZodParams(MeetingParams) p: z.infer<typeof MeetingParams>,
    @ZodBody(AttendanceRequest) body: AttendanceRequest,
  ): Promise<MeetingDto> {
    return this.meetings.attendance(auth.user, p.id, p.meetingId, body);
  }

  @Post(':meetingId/decisions')
  @ApiOperation({
    summary:
      'Record a decision; it becomes an action in the plan with owner and due date in the same step',
  })
  @ApiZodParams(MeetingParams)
  @ApiZodBody(DecisionRequest)
  @ApiZodResponse(201, MeetingDecisionDto)
  decide(
    @Auth() auth: AuthContext,
    @ZodParams(MeetingParams) p: z.infer<typeof MeetingParams>,
    @ZodBody(DecisionRequest) body: z.infer<typeof DecisionRequest>,
  ): Promise<MeetingDecisionDto> {
    return this.meetings.decide(auth.user, p.id, p.meetingId, body);
  }

  @Get(':meetingId/ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The overleg as an iCalendar (.ics) file, times in Europe/Amsterdam' })
  @ApiProduces(ICS)
  @ApiZodParams(MeetingParams)
  async ics(
    @Auth() auth: AuthContext,
    @ZodParams(MeetingParams) p: z.infer<typeof MeetingParams>,
    @Req() req: Request,
  ): Promise<string> {
    const body = await this.meetings.ics(auth.user, p.id, p.meetingId, originOf(req));
    req.res?.setHeader(
      'Content-Disposition',
      `attachment; filename="overleg-${p.meetingId.slice(0, 8)}.ics"`,
    );
    return body;
  }
}

@ApiTags('overleg')
@ApiBearerAuth()
@Controller('me')
export class MyMeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get('meetings')
  @ApiOperation({
    summary: 'Mijn overleggen: every overleg I am invited to, in households I may see',
  })
  @ApiZodQuery(MeetingListQuery)
  @ApiZodResponse(200, z.array(MeetingDto))
  list(
    @Auth() auth: AuthContext,
    @ZodQuery(MeetingListQuery) q: z.infer<typeof MeetingListQuery>,
  ): Promise<MeetingDto[]> {
    return this.meetings.mine(auth.user, q.when);
  }

  @Get('meetings.ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Personal calendar feed of my overleggen (session or bearer authenticated)',
  })
  @ApiProduces(ICS)
  ics(@Auth() auth: AuthContext, @Req() req: Request): Promise<string> {
    return this.meetings.myIcs(auth.user, originOf(req));
  }
}
