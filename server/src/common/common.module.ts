import { Global, Module } from '@nestjs/common';
import { DomainEvents } from './domain-events';
import { RedisHealth } from '../modules/health/redis-health';
import { RedisConnections } from '../cluster/redis-connections';

@Global()
@Module({
  providers: [DomainEvents, RedisHealth, RedisConnections],
  exports: [DomainEvents, RedisHealth, RedisConnections],
})
export class CommonModule {}
