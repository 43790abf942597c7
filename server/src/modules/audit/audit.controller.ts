import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessLogEntryDto, AuditEventDto, AuditQuery } from '@spil/shared';
import { SpilError } from '../../common/errors';
import { ApiZodQuery, ApiZodResponse, ZodQuery } from '../../common/zod';
import { Auth, Roles } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { type AuditedRequest, SkipAudit } from './audit.interceptor';
import { AuditService } from './audit.service';

const VerifyDto = z.object({
  ok: z.boolean(),
  count: z.number().int().optional(),
  headSeq: z.number().int().optional(),
  headHash: z.string().optional(),
  seq: z.number().int().optional(),
  problem: z.enum(['altered', 'missing']).optional(),
  message: z.string().optional(),
});

/**
 * The audit log and the inwoner's access overview. Every read of the log is
 * recorded in the log, before the answer is sent.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @Roles('coordinator', 'beheerder')
  @SkipAudit()
  @ApiOperation({
    summary:
      'Audit records (NEN 7513), newest first; a coördinator sees those of the households of their wijkteam',
  })
  @ApiZodQuery(AuditQuery)
  @ApiZodResponse(200, z.array(AuditEventDto))
  async list(
    @Auth() auth: AuthContext,
    @ZodQuery(AuditQuery) q: z.output<typeof AuditQuery>,
    @Req() req: AuditedRequest,
  ): Promise<AuditEventDto[]> {
    const user = auth.user;
    let wijkteamId: string | undefined;
    if (user.systemRole === 'coordinator') {
      if (!user.wijkteamId) throw new SpilError('auth.forbidden');
      wijkteamId = user.wijkteamId;
      if (q.householdId && !(await this.audit.householdInWijkteam(q.householdId, wijkteamId))) {
        throw new SpilError('household.not_found');
      }
    }
    const rows = await this.audit.find({
      householdId: q.householdId,
      userId: q.userId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      beforeSeq: q.beforeSeq,
      limit: q.limit,
      wijkteamId,
    });
    const actor = await this.audit.actorOf(user, null, 'verantwoording');
    const filters = {
      householdId: q.householdId,
      userId: q.userId,
      from: q.from,
      to: q.to,
      beforeSeq: q.beforeSeq,
      limit: q.limit,
    };
    const households = [
      ...new Set(rows.map((r) => r.householdId).filter((id): id is string => !!id)),
    ];
    if (q.householdId && !households.includes(q.householdId)) households.push(q.householdId);
    const subjects: (string | null)[] = households.length > 0 ? households : [null];
    await this.audit
      .record(
        subjects.map((householdId) => ({
          ...actor,
          event: 'logboek.read',
          action: 'R' as const,
          outcome: 'success' as const,
          channel: 'rest' as const,
          sourceAddress: req.ip ?? null,
          householdId,
          part: 'logboek' as const,
          detail: {
            route: 'GET /api/audit',
            filters,
            count: rows.length,
            correlationId: req.correlationId,
          },
        })),
      )
      .catch(() => {
        throw new SpilError('audit.unavailable');
      });
    return rows;
  }

  @Get('audit/verify')
  @Roles('beheerder')
  @SkipAudit()
  @ApiOperation({
    summary: 'Verify the hash chain of the audit log; names the first altered or missing record',
  })
  @ApiZodResponse(200, VerifyDto)
  async verify(
    @Auth() auth: AuthContext,
    @Req() req: AuditedRequest,
  ): Promise<z.infer<typeof VerifyDto>> {
    const result = await this.audit.verify();
    await this.audit.record({
      ...(await this.audit.actorOf(auth.user, null, 'verantwoording')),
      event: 'logboek.verify',
      action: 'E',
      outcome: 'success',
      channel: 'rest',
      sourceAddress: req.ip ?? null,
      part: 'logboek',
      detail: {
        ok: result.ok,
        seq: result.ok ? result.headSeq : result.seq,
        correlationId: req.correlationId,
      },
    });
    if (result.ok)
      return { ok: true, count: result.count, headSeq: result.headSeq, headHash: result.headHash };
    return { ok: false, seq: result.seq, problem: result.problem, message: result.message };
  }

  @Get('me/access-log')
  @Roles('inwoner', 'naaste')
  @SkipAudit()
  @ApiOperation({
    summary:
      'Wie heeft mijn dossier ingezien en wanneer: the inwoner’s access overview, in plain Dutch, oldest first',
  })
  @ApiZodResponse(200, z.array(AccessLogEntryDto))
  async accessLog(
    @Auth() auth: AuthContext,
    @Req() req: AuditedRequest,
  ): Promise<AccessLogEntryDto[]> {
    const households = await this.audit.ownHouseholds(auth.user.id);
    const entries = await this.audit.accessLog(households, auth.user.id);
    const actor = await this.audit.actorOf(auth.user, null, 'inzage');
    await this.audit
      .record(
        households.map((householdId) => ({
          ...actor,
          event: 'logboek.read',
          action: 'R' as const,
          outcome: 'success' as const,
          channel: 'rest' as const,
          sourceAddress: req.ip ?? null,
          householdId,
          part: 'logboek' as const,
          detail: {
            route: 'GET /api/me/access-log',
            count: entries.length,
            correlationId: req.correlationId,
          },
        })),
      )
      .catch(() => {
        throw new SpilError('audit.unavailable');
      });
    return entries;
  }
}
