import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** `GET /metrics` (outside `/api`): prom-client's default registry. */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
