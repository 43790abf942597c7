import {
  Global,
  Injectable,
  type MiddlewareConsumer,
  Module,
  type NestMiddleware,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { NextFunction, Response } from 'express';
import { AuditController } from './audit.controller';
import { type AuditedRequest, AuditInterceptor, auditRefusals } from './audit.interceptor';
import { AuditService } from './audit.service';

@Injectable()
class AuditRefusalsMiddleware implements NestMiddleware {
  private readonly handler: ReturnType<typeof auditRefusals>;
  constructor(audit: AuditService) {
    this.handler = auditRefusals(audit);
  }
  use(req: AuditedRequest, res: Response, next: NextFunction): void {
    this.handler(req, res, next);
  }
}

/**
 * The audit log (NEN 7513). Global: the socket.io gateway, collab and the
 * privacy module record through `AuditService`.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditService],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(AuditRefusalsMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
