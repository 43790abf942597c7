import { Module } from '@nestjs/common';
import { CollabAuditBridge } from './collab-audit.bridge';

/** Feeds the audit log from channels that modules may not import (collab). */
@Module({ providers: [CollabAuditBridge] })
export class AuditBridgeModule {}
