/**
 * Where the FHIR export gets a household's plan document. The stored state
 * is the right source: the collab layer appends every accepted update to the
 * log before it relays or confirms it, so what is stored is what users have
 * seen confirmed.
 */
import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import { CollabRepository } from '../../collab/collab.repository';

export const FHIR_PLAN_READER = Symbol('FHIR_PLAN_READER');

export interface FhirPlanReader {
  /** The document as stored; an empty document when nothing is stored yet. */
  readDoc(docName: string): Promise<Y.Doc>;
}

@Injectable()
export class StoredPlanReader implements FhirPlanReader {
  constructor(private readonly collab: CollabRepository) {}

  async readDoc(docName: string): Promise<Y.Doc> {
    const stored = await this.collab.load(docName);
    const doc = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    return doc;
  }
}
