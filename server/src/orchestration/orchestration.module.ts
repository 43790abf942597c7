import { Global, Module } from '@nestjs/common';
import { CollabPlanDocuments } from '../collab/plan-documents';
import { PLAN_DOCUMENTS } from '../common/plan-documents.port';

/**
 * Bridges between the rest of the server and the collab layer that modules
 * may not import: `PLAN_DOCUMENTS` (ADR 013), the one way to reach a
 * household's plan and its other documents, implemented by collab. Global, so
 * any module injects the token without importing collab.
 */
@Global()
@Module({
  providers: [{ provide: PLAN_DOCUMENTS, useClass: CollabPlanDocuments }],
  exports: [PLAN_DOCUMENTS],
})
export class OrchestrationModule {}
