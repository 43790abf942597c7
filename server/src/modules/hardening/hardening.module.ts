import {
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { ClientAddress } from './client-address';
import { RateLimits } from './rate-limits';
import { RestRateLimitMiddleware } from './rest-rate-limit.middleware';
import { SocketSecurity } from './socket-security';

/** Rate limits on REST and socket.io, the client address behind a proxy, and the socket.io handshake and message checks. */
@Global()
@Module({
  providers: [SocketSecurity, RestRateLimitMiddleware, RateLimits, ClientAddress],
  exports: [SocketSecurity, RateLimits, ClientAddress],
})
export class HardeningModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(RestRateLimitMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
