import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AgendaItem, Attendance, MeetingKind, MeetingStatus } from '@spil/shared';
import { HouseholdEntity } from '../households/household.entity';
import { UserEntity } from '../users/user.entity';

/** An overlegmoment of a household's casus team. Its live notes are a collab document of their own. */
@Entity({ name: 'meeting' })
@Index('ix_meeting_household_start', ['householdId', 'startsAt'])
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ type: 'text' })
  kind: MeetingKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes: number;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ name: 'online_url', type: 'text', nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'text' })
  status: MeetingStatus;

  @Column({ type: 'jsonb' })
  agenda: AgendaItem[];

  /** Bumped on every change: the SEQUENCE of the calendar entry. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Someone invited to an overleg: a member of the casus team, or a naaste without an account. */
@Entity({ name: 'meeting_participant' })
@Index('uq_meeting_participant_user', ['meetingId', 'userId'], {
  unique: true,
  where: '"user_id" IS NOT NULL',
})
export class MeetingParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_meeting_participant_meeting')
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingEntity;

  @Index('ix_meeting_participant_user')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** For a naaste without an account: their name and relation. */
  @Column({ name: 'guest_name', type: 'text', nullable: true })
  guestName: string | null;

  @Column({ name: 'guest_relation', type: 'text', nullable: true })
  guestRelation: string | null;

  @Column({ type: 'text', nullable: true })
  attendance: Attendance | null;

  @Column({ type: 'integer' })
  position: number;
}

/** A decision of an overleg and the action it became in the plan. */
@Entity({ name: 'meeting_decision' })
export class MeetingDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_meeting_decision_meeting')
  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingEntity;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ type: 'date' })
  deadline: string;

  /** The action in the plan; null only while it is being written. */
  @Column({ name: 'actie_id', type: 'uuid', nullable: true })
  actieId: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
