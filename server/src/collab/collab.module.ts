import { Global, Module } from '@nestjs/common';
import { CollabGateway } from './collab.gateway';
import { CollabRepository } from './collab.repository';
import { CollabService } from './collab.service';
import { PlanMigration } from './plan-migration';
import { ServerPartSource } from './server-part';

/**
 * The live plan: Yjs documents over `/collab/<docName>`, stored in the update
 * log before anything is relayed. Global so that other modules can use
 * `CollabService` (withDoc, readDoc, onStored) without importing sockets.
 */
@Global()
@Module({
  providers: [CollabRepository, ServerPartSource, CollabService, CollabGateway, PlanMigration],
  exports: [CollabService],
})
export class CollabModule {}
