import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';
import { RedisHealth } from '../modules/health/redis-health';

@Global()
@Module({ providers: [DomainEvents, RedisHealth], exports: [DomainEvents, RedisHealth] })
export class CommonModule {}
