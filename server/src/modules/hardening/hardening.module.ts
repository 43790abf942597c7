import {
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { RestRateLimitMiddleware } from './rest-rate-limit.middleware';
import { SocketSecurity } from './socket-security';

/** Rate limits on REST and socket.io, and the socket.io handshake and message checks. */
@Global()
@Module({ providers: [SocketSecurity, RestRateLimitMiddleware], exports: [SocketSecurity] })
export class HardeningModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(RestRateLimitMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
