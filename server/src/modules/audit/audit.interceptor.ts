/**
 * Records every REST call on household data, and every login, in the audit
 * log. Reads are fail-closed: the data is only sent once its audit record is
 * stored; if the log cannot be written the caller gets 503 and no data.
 * Changes are recorded after they happened and never undone by a failing
 * log (that would tell the client a stored change failed); such a failure is
 * logged as an error.
 *
 * Requests refused before they reach a controller (no login, CSRF, a role
 * guard, rate limits, unknown routes) are recorded by `auditRefusals`.
 */
import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import { catchError, from, map, mergeMap, type Observable, throwError } from 'rxjs';
import type { AuditOutcome } from '@spil/shared';
import { SpilError } from '../../common/errors';
import type { AuthContext } from '../auth/auth.types';
import type { UserEntity } from '../users/user.entity';
import { type Actor, AuditService } from './audit.service';
import { classifyRequest, householdIdsIn, isUuid, type RouteAudit } from './audit-routes';
import type { AuditRecordInput } from './audit.writer';

const SKIP_AUDIT = 'spil:skip-audit';
/** The handler records its own audit events (the audit log itself, exports with their own detail). */
export const SkipAudit = () => SetMetadata(SKIP_AUDIT, true);

export type AuditedRequest = Request & {
  auth?: AuthContext;
  correlationId?: string;
  auditHandled?: boolean;
};

const NO_ACTOR: Actor = {
  userId: null,
  userName: null,
  userRole: null,
  organisation: null,
  onBehalfOf: null,
  purpose: 'zorgverlening',
};

function statusOf(err: unknown): number {
  if (err instanceof SpilError) return err.status;
  if (err instanceof HttpException) return err.getStatus();
  return 500;
}

function routeTemplate(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : pathTemplate(req.originalUrl);
}

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<AuditedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(SKIP_AUDIT, [ctx.getHandler(), ctx.getClass()])) {
      req.auditHandled = true;
      return next.handle();
    }
    const route = classifyRequest(req.method, routeTemplate(req), req.params);
    if (!route) return next.handle();
    req.auditHandled = true;
    return next.handle().pipe(
      catchError((err: unknown) =>
        from(this.onError(req, route, err)).pipe(mergeMap(() => throwError(() => err))),
      ),
      mergeMap((body: unknown) => from(this.onSuccess(req, route, body)).pipe(map(() => body))),
    );
  }

  private detail(
    req: AuditedRequest,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> {
    return {
      route: `${req.method} ${routeTemplate(req)}`,
      correlationId: req.correlationId,
      ...extra,
    };
  }

  private async onSuccess(req: AuditedRequest, route: RouteAudit, body: unknown): Promise<void> {
    const records = await this.successRecords(req, route, body);
    try {
      await this.audit.record(records);
    } catch (e) {
      if (route.action === 'R') throw new SpilError('audit.unavailable');
      this.logger.error(
        `A ${route.event} change was stored but its audit record was not [${req.correlationId ?? '-'}]`,
      );
      void e;
    }
  }

  private async successRecords(
    req: AuditedRequest,
    route: RouteAudit,
    body: unknown,
  ): Promise<AuditRecordInput[]> {
    const base = {
      action: route.action,
      outcome: 'success' as AuditOutcome,
      channel: 'rest' as const,
      sourceAddress: req.ip ?? null,
    };
    if (route.kind === 'login') {
      const user = (body as { user?: UserEntity } | null)?.user;
      const actor = user
        ? await this.audit.actorOf(user, null, 'aanmelding')
        : { ...NO_ACTOR, purpose: 'aanmelding' as const };
      return [{ ...base, ...actor, event: route.event, part: null, detail: this.detail(req) }];
    }
    const user = req.auth?.user;
    if (!user) return [];
    if (route.kind === 'logout') {
      return [
        {
          ...base,
          ...(await this.audit.actorOf(user, null, 'aanmelding')),
          event: route.event,
          part: null,
          detail: this.detail(req),
        },
      ];
    }
    let ids: string[];
    if (route.kind === 'household') ids = route.householdId ? [route.householdId] : [];
    else if (route.kind === 'household-create') ids = householdIdsIn([body], { listIds: true });
    else ids = householdIdsIn(body, { listIds: route.kind === 'household-list' });
    if (ids.length === 0) return [];
    const roles = await this.audit.teamRoles(user.id, ids);
    const records: AuditRecordInput[] = [];
    for (const householdId of ids) {
      const actor = await this.audit.actorOf(user, roles.get(householdId) ?? null);
      records.push({
        ...base,
        ...actor,
        event: route.event,
        householdId,
        part: route.part,
        detail: this.detail(req),
      });
    }
    return records;
  }

  private async onError(req: AuditedRequest, route: RouteAudit, err: unknown): Promise<void> {
    const status = statusOf(err);
    const outcome: AuditOutcome = status >= 500 ? 'failure' : 'refused';
    const code = err instanceof SpilError ? err.code : undefined;
    try {
      let actor: Actor = NO_ACTOR;
      if (route.kind === 'login') {
        const email = (req.body as { email?: unknown } | undefined)?.email;
        const user =
          typeof email === 'string' && email.length <= 254
            ? await this.audit.userByEmail(email)
            : null;
        actor = user
          ? await this.audit.actorOf(user, null, 'aanmelding')
          : { ...NO_ACTOR, purpose: 'aanmelding' };
      } else if (req.auth?.user) {
        const roles = await this.audit.teamRoles(
          req.auth.user.id,
          route.householdId ? [route.householdId] : [],
        );
        actor = await this.audit.actorOf(
          req.auth.user,
          route.householdId ? (roles.get(route.householdId) ?? null) : null,
        );
      }
      await this.audit.record({
        ...actor,
        event: route.event,
        action: route.action,
        outcome,
        channel: 'rest',
        sourceAddress: req.ip ?? null,
        householdId: route.householdId,
        part: route.kind === 'login' ? null : route.part,
        detail: this.detail(req, { status, code }),
      });
    } catch {
      this.logger.error(
        `Audit record of a refused ${route.event} was lost [${req.correlationId ?? '-'}]`,
      );
    }
  }
}

const refusalLogger = new Logger('AuditRefusals');

/** The path without its query, ids as `:id` and any other unusual segment as `:x`: never free text from a URL in the log. */
export function pathTemplate(url: string): string {
  return (url.split('?')[0] ?? '')
    .split('/')
    .slice(0, 8)
    .map((seg) =>
      seg === '' || /^[a-z][a-z0-9.-]{0,39}$/.test(seg) ? seg : isUuid(seg) ? ':id' : ':x',
    )
    .join('/');
}

/**
 * Express middleware: when a response on household data or a login ends in
 * an error that no controller saw (refused by a guard, a rate limit, an
 * unknown route), record the refused attempt.
 */
export function auditRefusals(audit: AuditService) {
  return (req: AuditedRequest, res: Response, next: NextFunction): void => {
    res.on('finish', () => {
      if (req.auditHandled || res.statusCode < 400) return;
      const route = classifyRequest(req.method, req.originalUrl);
      if (!route) return;
      const status = res.statusCode;
      void (async () => {
        const user = req.auth?.user;
        const actor = user
          ? await audit.actorOf(user)
          : route.kind === 'login'
            ? { ...NO_ACTOR, purpose: 'aanmelding' as const }
            : NO_ACTOR;
        await audit.record({
          ...actor,
          event: route.event,
          action: route.action,
          outcome: status >= 500 ? 'failure' : 'refused',
          channel: 'rest',
          sourceAddress: req.ip ?? null,
          householdId: route.householdId,
          part: route.kind === 'login' ? null : route.part,
          detail: {
            route: `${req.method} ${pathTemplate(req.originalUrl)}`,
            status,
            correlationId: req.correlationId,
          },
        });
      })().catch(() =>
        refusalLogger.error(
          `Audit record of a refused ${route.event} was lost [${req.correlationId ?? '-'}]`,
        ),
      );
    });
    next();
  };
}
