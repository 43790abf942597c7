import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity, WijkteamEntity } from '../users/user.entity';
import type { Phase, Referrer, TeamRole } from '@spil/shared';

/** A household: never a BSN, only a reference code of the wijkteam's own. */
@Entity({ name: 'household' })
export class HouseholdEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_household_reference', { unique: true })
  @Column({ type: 'text' })
  reference: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ type: 'text' })
  wijk: string;

  @Column({ type: 'text' })
  phase: Phase;

  @Index('ix_household_wijkteam')
  @Column({ name: 'wijkteam_id', type: 'uuid' })
  wijkteamId: string;

  @ManyToOne(() => WijkteamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'wijkteam_id' })
  wijkteam?: WijkteamEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Aanmelding: who referred the household, and when (YYYY-MM-DD). */
  @Column({ name: 'referred_by', type: 'text', nullable: true })
  referredBy: Referrer | null;

  @Column({ name: 'referred_on', type: 'date', nullable: true })
  referredOn: string | null;
}

@Entity({ name: 'household_member' })
export class HouseholdMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_household_member_household')
  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ name: 'first_name', type: 'text' })
  firstName: string;

  @Column({ name: 'birth_year', type: 'integer' })
  birthYear: number;

  @Column({ type: 'text' })
  relation: string;
}

/**
 * Membership of a casus team. A row with `endedAt` set is history: access
 * ends with it. At most one open row per person and household.
 */
@Entity({ name: 'team_membership' })
@Index('uq_team_membership_open', ['householdId', 'userId'], {
  unique: true,
  where: '"ended_at" IS NULL',
})
export class TeamMembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Index('ix_team_membership_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'text' })
  role: TeamRole;

  @Column({ type: 'timestamptz' })
  since: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}

/** Who holds regie, with history: the open row (no `endedAt`) is the current regiehouder. */
@Entity({ name: 'regie_assignment' })
@Index('uq_regie_open', ['householdId'], { unique: true, where: '"ended_at" IS NULL' })
export class RegieAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'assigned_by', type: 'uuid' })
  assignedBy: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz' })
  since: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
