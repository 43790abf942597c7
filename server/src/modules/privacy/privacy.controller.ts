import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { ExportQuery, HouseholdExportDto, IdParam } from '@spil/shared';
import { SpilError } from '../../common/errors';
import { ApiZodParams, ApiZodQuery, ApiZodResponse, ZodParams, ZodQuery } from '../../common/zod';
import { AuditService } from '../audit/audit.service';
import { type AuditedRequest, SkipAudit } from '../audit/audit.interceptor';
import { Auth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { renderExportHtml } from './export-html';
import { PrivacyService } from './privacy.service';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('households')
export class PrivacyController {
  constructor(
    private readonly privacy: PrivacyService,
    private readonly audit: AuditService,
  ) {}

  @Get(':id/export')
  @SkipAudit()
  @ApiOperation({
    summary:
      'AVG inzage: all data about one household that the caller may see, as JSON or (format=html) as a readable Dutch document. ' +
      'For the coördinator, the regiehouder and the household itself; every export is audited.',
  })
  @ApiZodParams(IdParam)
  @ApiZodQuery(ExportQuery)
  @ApiProduces('application/json', 'text/html')
  @ApiZodResponse(200, HouseholdExportDto)
  async export(
    @Auth() auth: AuthContext,
    @ZodParams(IdParam) p: z.infer<typeof IdParam>,
    @ZodQuery(ExportQuery) q: z.output<typeof ExportQuery>,
    @Req() req: AuditedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdExportDto | string> {
    const roles = await this.audit.teamRoles(auth.user.id, [p.id]);
    const actor = await this.audit.actorOf(auth.user, roles.get(p.id) ?? null);
    const base = {
      ...actor,
      event: 'export.read',
      action: 'R' as const,
      channel: 'rest' as const,
      sourceAddress: req.ip ?? null,
      householdId: p.id,
      part: 'export' as const,
    };
    let data: HouseholdExportDto;
    try {
      data = await this.privacy.exportHousehold(auth.user, p.id);
    } catch (e) {
      const status = e instanceof SpilError ? e.status : 500;
      this.audit.recordQuietly({
        ...base,
        outcome: status >= 500 ? 'failure' : 'refused',
        detail: {
          route: 'GET /api/households/:id/export',
          format: q.format,
          status,
          code: e instanceof SpilError ? e.code : undefined,
        },
      });
      throw e;
    }
    await this.audit
      .record({
        ...base,
        outcome: 'success',
        detail: {
          route: 'GET /api/households/:id/export',
          format: q.format,
          documents: data.documents.map((d) => d.kind),
          sections: Object.keys(data.sections),
          correlationId: req.correlationId,
        },
      })
      .catch(() => {
        throw new SpilError('audit.unavailable');
      });
    res.setHeader('Cache-Control', 'no-store');
    if (q.format === 'html') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `inline; filename="inzage-${data.household.reference}.html"`,
      );
      return renderExportHtml(data);
    }
    return data;
  }
}
