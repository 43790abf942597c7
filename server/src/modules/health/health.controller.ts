import { Controller, Get, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { HealthDto } from '@spil/shared';
import { ApiZodResponse } from '../../common/zod';
import { Public } from '../auth/auth.guard';
import { RedisHealth } from './redis-health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly redis: RedisHealth,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness with the state of the database (and Redis when configured)' })
  @ApiZodResponse(200, HealthDto)
  @ApiZodResponse(503, HealthDto)
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const database = await this.ds
      .query('SELECT 1')
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
    const redis = await this.redis.check();
    const ok = database === 'up' && redis !== 'down';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', database, ...(redis ? { redis } : {}) };
  }
}
