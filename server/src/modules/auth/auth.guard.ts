import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { SystemRole } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { SpilError } from '../../common/errors';
import { AuthService } from './auth.service';
import type { AuthContext } from './auth.types';
import { isAllowedOrigin } from './origin';

const PUBLIC = 'spil:public';
const ROLES = 'spil:roles';
const SECOND_STEP = 'spil:second-step';

/** The route needs no login. */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these system roles may call the route; others get 403. */
export const Roles = (...roles: SystemRole[]) => SetMetadata(ROLES, roles);

/** The route is part of the second step of a login: it works before the second factor is done. */
export const SecondStep = () => SetMetadata(SECOND_STEP, true);

export type AuthedRequest = Request & { auth?: AuthContext; correlationId?: string };

/** The caller of the current request. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.auth) throw new SpilError('auth.required');
  return req.auth;
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route requires a session unless marked @Public(). A cookie-authenticated
 * change must come from an allowed Origin (CSRF); a bearer token cannot be
 * sent by another site, so it needs no such check.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const allowPending = !!this.reflector.getAllAndOverride<boolean>(SECOND_STEP, targets);
    req.auth = await this.auth.authenticate(req, { allowPending });
    if (req.auth.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
      if (!isAllowedOrigin(req, this.config)) throw new SpilError('auth.csrf');
    }
    const roles = this.reflector.getAllAndOverride<SystemRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(req.auth.user.systemRole)) throw new SpilError('auth.forbidden');
    return true;
  }
}
