import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { CollaborationEvaluationMoment } from '@spil/shared';
import { HouseholdEntity } from '../households/household.entity';
import { MeetingEntity } from '../meetings/meeting.entity';

/** How the casus team judged its own collaboration (tip 9), kept with the household. */
@Entity({ name: 'collaboration_evaluation' })
export class CollaborationEvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_collaboration_evaluation_household')
  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ name: 'meeting_id', type: 'uuid', nullable: true })
  meetingId: string | null;

  @ManyToOne(() => MeetingEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingEntity;

  @Column({ type: 'text' })
  moment: CollaborationEvaluationMoment;

  @Column({ name: 'went_well', type: 'text' })
  wentWell: string;

  @Column({ name: 'to_improve', type: 'text' })
  toImprove: string;

  @Column({ type: 'text' })
  agreements: string;

  @Column({ type: 'integer', nullable: true })
  score: number | null;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
