/**
 * Accountability contracts: the audit log in the manner of NEN 7513, the
 * inwoner's access overview and the AVG export. Every access to household
 * data leaves one audit record; reading the log leaves one too.
 */
import { z } from 'zod';

/**
 * NEN 7513 / IHE ATNA action codes: Create, Read, Update, Delete, Execute
 * (an act that is none of those: a login, a purge, a verification).
 */
export const AUDIT_ACTIONS = ['C', 'R', 'U', 'D', 'E'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `refused`: the system said no (not logged in, no access, too many requests). `failure`: it went wrong on our side. */
export const AUDIT_OUTCOMES = ['success', 'refused', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Where the event came in. */
export const AUDIT_CHANNELS = ['rest', 'socket', 'collab', 'system'] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/** Why the data was processed (NEN 7513 "doel"). */
export const AUDIT_PURPOSES = [
  'zorgverlening',
  'inzage',
  'beheer',
  'verantwoording',
  'bewaartermijn',
  'aanmelding',
] as const;
export type AuditPurpose = (typeof AUDIT_PURPOSES)[number];

/**
 * The part of a household's data an event concerns. `plan`, `medisch` and
 * `werk` are the three collab documents; the rest are REST resources.
 */
export const AUDIT_PARTS = [
  'huishouden',
  'overzicht',
  'team',
  'regie',
  'overleg',
  'toestemming',
  'acties',
  'zrm',
  'quickscan',
  'escalatie',
  'evaluatie',
  'voorzieningen',
  'meldingen',
  'plan',
  'medisch',
  'werk',
  'export',
  'logboek',
  'doelen',
  'overig',
] as const;
export type AuditPart = (typeof AUDIT_PARTS)[number];

/** One audit record as the API shows it. `seq` is the position in the hash chain. */
export const AuditEventDto = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  event: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  occurredAt: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  userRole: z.string().nullable(),
  organisation: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  purpose: z.enum(AUDIT_PURPOSES),
  channel: z.enum(AUDIT_CHANNELS),
  sourceInstance: z.string(),
  sourceAddress: z.string().nullable(),
  householdId: z.uuid().nullable(),
  part: z.enum(AUDIT_PARTS).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;

const IsoDateTime = z.iso.datetime({ offset: true });

/** Filters of `GET /api/audit`. Results come newest first; page with `beforeSeq`. */
export const AuditQuery = z.object({
  householdId: z.uuid().optional(),
  userId: z.uuid().optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  beforeSeq: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type AuditQuery = z.input<typeof AuditQuery>;

/**
 * One line of the inwoner's access overview: "wie heeft mijn dossier
 * ingezien en wanneer", in plain Dutch. Repeated views of the same part by
 * the same person shortly after each other are one line with a count.
 */
export const AccessLogEntryDto = z.object({
  at: z.string(),
  /** The name of the person, or "Spil" for the system itself. */
  who: z.string(),
  /** Their discipline in words, e.g. "Huisarts". */
  role: z.string(),
  organisation: z.string().nullable(),
  /** What happened, as a sentence: "Pieter Hendriks (Huisarts) heeft uw plan bekeken." */
  sentence: z.string(),
  count: z.number().int().min(1),
  householdId: z.uuid(),
});
export type AccessLogEntryDto = z.infer<typeof AccessLogEntryDto>;

export const ExportQuery = z.object({ format: z.enum(['json', 'html']).default('json') });
export type ExportQuery = z.input<typeof ExportQuery>;

/** The content of one collab document, flattened: rich text as plain text, maps and arrays as JSON. */
export const ExportedDocumentDto = z.object({
  name: z.string(),
  kind: z.enum(['plan', 'medisch', 'werk', 'overleg']),
  roots: z.record(z.string(), z.unknown()),
});

/** AVG inzage: everything Spil holds about one household that the caller may see, as JSON. */
export const HouseholdExportDto = z.object({
  exportedAt: z.string(),
  exportedBy: z.object({ userId: z.uuid(), name: z.string(), role: z.string() }),
  household: z.object({
    id: z.uuid(),
    reference: z.string(),
    displayName: z.string(),
    wijk: z.string(),
    phase: z.string(),
    createdAt: z.string(),
  }),
  members: z.array(
    z.object({ firstName: z.string(), birthYear: z.number().int(), relation: z.string() }),
  ),
  team: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      discipline: z.string(),
      organisation: z.string(),
      role: z.string(),
      since: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
  regie: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      reason: z.string(),
      since: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
  documents: z.array(ExportedDocumentDto),
  /** Sections contributed by other modules (meetings, consent, ...), by name. */
  sections: z.record(z.string(), z.unknown()),
  accessLog: z.array(AccessLogEntryDto),
  /** What the export leaves out and why, in plain Dutch. */
  notes: z.array(z.string()),
});
export type HouseholdExportDto = z.infer<typeof HouseholdExportDto>;
