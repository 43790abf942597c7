import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  AuditAction,
  AuditChannel,
  AuditOutcome,
  AuditPart,
  AuditPurpose,
} from '@spil/shared';

/**
 * One audit record with the NEN 7513 fields. Append-only: a trigger refuses
 * UPDATE, DELETE and TRUNCATE. No foreign keys, on purpose: records outlive
 * the household and the user they name (kept at least five years), so the
 * subject and the user are copied in, not referenced.
 */
@Entity({ name: 'audit_event' })
@Index('ix_audit_event_household', ['householdId', 'seq'])
@Index('ix_audit_event_user', ['userId', 'seq'])
export class AuditEventEntity {
  /** Position in the hash chain: 1, 2, 3, ... without gaps. bigint, so a string in JS. */
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  /** Event identification (NEN 7513: gebeurtenis-id). */
  @Index('uq_audit_event_id', { unique: true })
  @Column({ type: 'uuid' })
  id: string;

  /** What happened, e.g. `plan.read`, `team.create`, `auth.login`. */
  @Column({ type: 'text' })
  event: string;

  /** C, R, U, D or E. */
  @Column({ type: 'text' })
  action: AuditAction;

  @Index('ix_audit_event_time')
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'user_name', type: 'text', nullable: true })
  userName: string | null;

  /** `systemRole/discipline[/teamRole]`, e.g. `professional/huisarts/lid`. */
  @Column({ name: 'user_role', type: 'text', nullable: true })
  userRole: string | null;

  @Column({ type: 'text', nullable: true })
  organisation: string | null;

  /** The responsible party the user acted for (their wijkteam), or null when acting for themselves. */
  @Column({ name: 'on_behalf_of', type: 'text', nullable: true })
  onBehalfOf: string | null;

  @Column({ type: 'text' })
  purpose: AuditPurpose;

  @Column({ type: 'text' })
  channel: AuditChannel;

  /** Source: the instance that handled it (INSTANCE_ID) and the caller's address. */
  @Column({ name: 'source_instance', type: 'text' })
  sourceInstance: string;

  @Column({ name: 'source_address', type: 'text', nullable: true })
  sourceAddress: string | null;

  /** The subject: the household (no FK, it may be purged) and the part of its data. */
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @Column({ type: 'text', nullable: true })
  part: AuditPart | null;

  /** Canonical JSON with ids and counts only, never free text: route, status, update-log range. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}

/** The chain head: the last seq and hash, updated in the same transaction as every append. One row. */
@Entity({ name: 'audit_chain_head' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'text' })
  hash: string;
}
