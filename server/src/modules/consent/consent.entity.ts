import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ConsentGiver, ConsentInfoKind, Domain } from '@spil/shared';
import { HouseholdEntity } from '../households/household.entity';

/**
 * A recorded consent (toestemming) of a household: who gave it, which kinds
 * of information may go to which domains or organisations, for what purpose,
 * from and until when. Never edited: a change is a withdrawal and a new
 * record, so the history says what held when.
 */
@Entity({ name: 'consent' })
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_consent_household')
  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ name: 'given_by', type: 'text' })
  givenBy: ConsentGiver;

  @Column({ name: 'given_by_name', type: 'text' })
  givenByName: string;

  @Column({ name: 'representative_role', type: 'text', nullable: true })
  representativeRole: string | null;

  @Column({ name: 'information_kinds', type: 'jsonb' })
  informationKinds: ConsentInfoKind[];

  @Column({ name: 'shared_with_domains', type: 'jsonb' })
  sharedWithDomains: Domain[];

  @Column({ name: 'shared_with_organisations', type: 'jsonb' })
  sharedWithOrganisations: string[];

  @Column({ type: 'text' })
  purpose: string;

  /** First day it holds (YYYY-MM-DD, Amsterdam). */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  /** Last day it holds; null: until withdrawn. */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;
}
