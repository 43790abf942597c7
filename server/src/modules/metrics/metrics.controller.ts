import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { SpilError } from '../../common/errors';
import { Public } from '../auth/auth.guard';
import { metricsRegistry } from './metrics';

/** 127.0.0.0/8, ::1 and the IPv4-mapped form of the first. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (a === '::1') return true;
  return isIP(a) === 4 && a.startsWith('127.');
}

/**
 * Whether a request may read the metrics: straight from loopback (the socket's
 * own address, never one named in X-Forwarded-For, and no proxy in between),
 * or anywhere with `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsAllowed(req: Request, token: string | undefined): boolean {
  const proxied =
    req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  if (!proxied && isLoopback(req.socket.remoteAddress)) return true;
  if (!token) return false;
  const auth = req.headers.authorization ?? '';
  const given = /^Bearer (.+)$/.exec(auth)?.[1];
  if (!given) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  @ApiOperation({
    summary:
      'Prometheus metrics (text format). Open on loopback; elsewhere only with METRICS_TOKEN as a bearer token.',
  })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format' })
  @ApiResponse({ status: 401, description: 'Not on loopback and no valid METRICS_TOKEN' })
  async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!metricsAllowed(req, this.config.METRICS_TOKEN)) throw new SpilError('auth.required');
    const body = await metricsRegistry.metrics();
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  }
}
