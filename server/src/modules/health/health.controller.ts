import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthDto, LivenessDto, ReadinessDto } from '@spil/shared';
import { ApiZodResponse } from '../../common/zod';
import { Public } from '../auth/auth.guard';
import { DatabaseHealth } from './database-health';
import { Lifecycle } from './lifecycle';
import { RedisHealth } from './redis-health';

/**
 * Health for people and load balancers. Every check has a time limit
 * (database 0.8 s, Redis 0.5 s, run side by side), so each endpoint answers
 * within a second whatever hangs.
 *
 * - `/api/health/live`: the process answers. A restart is the cure only for this.
 * - `/api/health/ready`: send traffic here? Database reachable, migrations
 *   done, not draining. Redis is reported but does not decide: an instance
 *   without Redis still serves its own clients (degraded), and failing every
 *   instance at once over a shared Redis would take the whole deployment out.
 * - `/api/health`: the public summary `{ status, database, redis? }`, 503
 *   when the database or Redis is down.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly redis: RedisHealth,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'The state of the database (and Redis when configured)' })
  @ApiZodResponse(200, HealthDto)
  @ApiZodResponse(503, HealthDto)
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const [database, redis] = await Promise.all([this.database.check(), this.redis.check()]);
    const ok = database === 'up' && redis !== 'down';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', database, ...(redis ? { redis } : {}) };
  }

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (checks no dependency)' })
  @ApiZodResponse(200, LivenessDto)
  live(): LivenessDto {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: database reachable, migrations done, not draining (503 otherwise). Redis is reported, and only degrades.',
  })
  @ApiZodResponse(200, ReadinessDto)
  @ApiZodResponse(503, ReadinessDto)
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessDto> {
    const [database, redis] = await Promise.all([this.database.check(), this.redis.check()]);
    // Read after the checks: a SIGTERM that came meanwhile fails this answer already.
    const { draining, migrated } = this.lifecycle;
    const ready = database === 'up' && migrated && !draining;
    res.status(ready ? 200 : 503);
    return {
      status: !ready ? 'unavailable' : redis === 'down' ? 'degraded' : 'ok',
      database,
      ...(redis ? { redis } : {}),
      migrations: migrated ? 'done' : 'pending',
      draining,
    };
  }
}
