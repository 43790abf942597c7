/**
 * The slice of FHIR R4 (4.0.1) that the household export uses. Only the
 * elements we fill; see https://hl7.org/fhir/R4/ for the full resources.
 */
export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Reference {
  reference?: string;
  type?: string;
  display?: string;
}
export interface Period {
  start?: string;
  end?: string;
}
export interface Identifier {
  system?: string;
  value?: string;
}
export interface Annotation {
  authorString?: string;
  authorReference?: Reference;
  time?: string;
  text: string;
}
export interface Meta {
  profile?: string[];
  lastUpdated?: string;
}

interface ResourceBase {
  id: string;
  meta?: Meta;
  language?: string;
}

export interface Patient extends ResourceBase {
  resourceType: 'Patient';
  active?: boolean;
  name?: { use?: string; text?: string; given?: string[] }[];
  birthDate?: string;
}

export interface Practitioner extends ResourceBase {
  resourceType: 'Practitioner';
  active?: boolean;
  name?: { text?: string }[];
  qualification?: { code: CodeableConcept }[];
}

export interface Group extends ResourceBase {
  resourceType: 'Group';
  identifier?: Identifier[];
  active?: boolean;
  /** person | animal | practitioner | device | medication | substance */
  type: 'person' | 'animal' | 'practitioner' | 'device' | 'medication' | 'substance';
  actual: boolean;
  code?: CodeableConcept;
  name?: string;
  quantity?: number;
  member?: { entity: Reference; inactive?: boolean }[];
}

export interface CareTeam extends ResourceBase {
  resourceType: 'CareTeam';
  status?: 'proposed' | 'active' | 'suspended' | 'inactive' | 'entered-in-error';
  name?: string;
  subject?: Reference;
  period?: Period;
  participant?: {
    role?: CodeableConcept[];
    member?: Reference;
    onBehalfOf?: Reference;
    period?: Period;
  }[];
}

export interface CarePlan extends ResourceBase {
  resourceType: 'CarePlan';
  identifier?: Identifier[];
  status: 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'entered-in-error' | 'unknown';
  intent: 'proposal' | 'plan' | 'order' | 'option';
  category?: CodeableConcept[];
  title?: string;
  description?: string;
  subject: Reference;
  period?: Period;
  created?: string;
  author?: Reference;
  careTeam?: Reference[];
  goal?: Reference[];
  activity?: { reference?: Reference }[];
}

export interface Goal extends ResourceBase {
  resourceType: 'Goal';
  identifier?: Identifier[];
  lifecycleStatus:
    | 'proposed'
    | 'planned'
    | 'accepted'
    | 'active'
    | 'on-hold'
    | 'completed'
    | 'cancelled'
    | 'entered-in-error'
    | 'rejected';
  achievementStatus?: CodeableConcept;
  category?: CodeableConcept[];
  description: CodeableConcept;
  subject: Reference;
  startDate?: string;
  statusDate?: string;
  note?: Annotation[];
}

export interface Task extends ResourceBase {
  resourceType: 'Task';
  identifier?: Identifier[];
  basedOn?: Reference[];
  status:
    | 'draft'
    | 'requested'
    | 'received'
    | 'accepted'
    | 'rejected'
    | 'ready'
    | 'cancelled'
    | 'in-progress'
    | 'on-hold'
    | 'failed'
    | 'completed'
    | 'entered-in-error';
  businessStatus?: CodeableConcept;
  intent:
    | 'unknown'
    | 'proposal'
    | 'plan'
    | 'order'
    | 'original-order'
    | 'reflex-order'
    | 'filler-order'
    | 'instance-order'
    | 'option';
  code?: CodeableConcept;
  description?: string;
  for?: Reference;
  authoredOn?: string;
  lastModified?: string;
  owner?: Reference;
  reasonReference?: Reference;
  note?: Annotation[];
  restriction?: { period?: Period };
}

export interface Consent extends ResourceBase {
  resourceType: 'Consent';
  status: 'draft' | 'proposed' | 'active' | 'rejected' | 'inactive' | 'entered-in-error';
  scope: CodeableConcept;
  category: CodeableConcept[];
  patient?: Reference;
  dateTime?: string;
  performer?: Reference[];
  policyRule?: CodeableConcept;
  provision?: {
    type?: 'deny' | 'permit';
    period?: Period;
    actor?: { role: CodeableConcept; reference: Reference }[];
    purpose?: Coding[];
    class?: Coding[];
    code?: CodeableConcept[];
  };
}

export interface Appointment extends ResourceBase {
  resourceType: 'Appointment';
  status:
    | 'proposed'
    | 'pending'
    | 'booked'
    | 'arrived'
    | 'fulfilled'
    | 'cancelled'
    | 'noshow'
    | 'entered-in-error'
    | 'checked-in'
    | 'waitlist';
  appointmentType?: CodeableConcept;
  description?: string;
  supportingInformation?: Reference[];
  start?: string;
  end?: string;
  minutesDuration?: number;
  created?: string;
  comment?: string;
  participant: {
    type?: CodeableConcept[];
    actor?: Reference;
    required?: 'required' | 'optional' | 'information-only';
    status: 'accepted' | 'declined' | 'tentative' | 'needs-action';
  }[];
}

/** A voorziening: the request for a service, with the provider as performer (issue 19). */
export interface ServiceRequest extends ResourceBase {
  resourceType: 'ServiceRequest';
  identifier?: Identifier[];
  basedOn?: Reference[];
  status: 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'entered-in-error' | 'unknown';
  intent:
    | 'proposal'
    | 'plan'
    | 'directive'
    | 'order'
    | 'original-order'
    | 'reflex-order'
    | 'filler-order'
    | 'instance-order'
    | 'option';
  category?: CodeableConcept[];
  code?: CodeableConcept;
  subject: Reference;
  occurrencePeriod?: Period;
  authoredOn?: string;
  performer?: Reference[];
  supportingInfo?: Reference[];
  note?: Annotation[];
}

export type Resource =
  | Patient
  | Practitioner
  | Group
  | CareTeam
  | CarePlan
  | Goal
  | Task
  | Consent
  | Appointment
  | ServiceRequest;

export interface Bundle {
  resourceType: 'Bundle';
  id: string;
  meta?: Meta;
  identifier?: Identifier;
  type:
    | 'document'
    | 'message'
    | 'transaction'
    | 'transaction-response'
    | 'batch'
    | 'batch-response'
    | 'history'
    | 'searchset'
    | 'collection';
  timestamp?: string;
  total?: number;
  entry: { fullUrl: string; resource: Resource }[];
}
