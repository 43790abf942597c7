/**
 * Where the FHIR export gets a household's plan document: the collab
 * layer's `CollabService.readDoc` (the live document when open, else the
 * stored one), behind a token so the mapping is tested without it.
 */
import type * as Y from 'yjs';

export const FHIR_PLAN_READER = Symbol('FHIR_PLAN_READER');

export interface FhirPlanReader {
  /** A copy of the document; an empty document when nothing is stored yet. */
  readDoc(docName: string): Promise<Y.Doc>;
}
