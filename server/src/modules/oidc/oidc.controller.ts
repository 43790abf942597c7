import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { OidcProviderDto } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { SpilError } from '../../common/errors';
import { ApiZodResponse } from '../../common/zod';
import { Public } from '../auth/auth.guard';
import { SESSION_COOKIE } from '../auth/auth.types';
import { OidcService } from './oidc.service';

const FLOW_COOKIE = 'spil_oidc';
const FLOW_PATH = '/api/auth/oidc';

/**
 * Continue to a path with a page of our own rather than a redirect: the
 * session cookie is SameSite=Strict, and a redirect chain that began at the
 * provider would still count as cross-site, so the first page would load
 * without it.
 */
function continueTo(res: Response, path: string): void {
  res
    .status(200)
    .type('html')
    .send(
      `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${path}"><title>Spil</title></head><body><p><a href="${path}">Verder naar Spil</a></p></body></html>`,
    );
}

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('providers')
  @ApiOperation({ summary: 'Single sign-on providers to show on the login page' })
  @ApiZodResponse(200, z.array(OidcProviderDto))
  providers(): OidcProviderDto[] {
    return this.oidc.providers();
  }

  @Public()
  @Get(':provider/start')
  @ApiOperation({ summary: 'Start a single sign-on login: redirect to the provider (PKCE)' })
  async start(@Param('provider') provider: string, @Res() res: Response): Promise<void> {
    let started: { url: string; flow: string };
    try {
      started = await this.oidc.start(provider);
    } catch (e) {
      // A top-level navigation: back to the login page with the message, not a JSON error.
      const code = e instanceof SpilError ? e.code : 'auth.sso_failed';
      return continueTo(res, `/inloggen?fout=${encodeURIComponent(code)}`);
    }
    const { url, flow } = started;
    res.cookie(FLOW_COOKIE, flow, {
      httpOnly: true,
      // The provider sends the browser back with a top-level GET: Lax lets this cookie along.
      sameSite: 'lax',
      secure: this.config.COOKIE_SECURE,
      path: FLOW_PATH,
      maxAge: 10 * 60_000,
    });
    res.redirect(302, url);
  }

  @Public()
  @Get(':provider/logout')
  @ApiOperation({
    summary:
      'After logging out of Spil: end the session at the provider too (RP-initiated logout), then back to the login page',
  })
  async logout(@Param('provider') provider: string, @Res() res: Response): Promise<void> {
    const url = await this.oidc.endSessionUrl(provider).catch(() => null);
    if (url) res.redirect(302, url);
    else continueTo(res, '/inloggen');
  }

  @Public()
  @Get(':provider/callback')
  @ApiOperation({
    summary: 'The provider returns here: sets the session cookie and continues into Spil',
  })
  async callback(
    @Param('provider') provider: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const query = req.originalUrl.includes('?')
      ? req.originalUrl.slice(req.originalUrl.indexOf('?'))
      : '';
    const flow = (req.cookies as Record<string, string | undefined>)[FLOW_COOKIE];
    res.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
    try {
      const result = await this.oidc.finish(provider, query, flow, req.ip ?? null);
      res.cookie(SESSION_COOKIE, result.accessToken, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.COOKIE_SECURE,
        path: '/',
        expires: new Date(result.expiresAt),
      });
      continueTo(res, '/');
    } catch (e) {
      const code = e instanceof SpilError ? e.code : 'auth.sso_failed';
      continueTo(res, `/inloggen?fout=${encodeURIComponent(code)}`);
    }
  }
}
