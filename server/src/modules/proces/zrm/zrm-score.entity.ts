import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Levensdomein, ZrmMoment } from '@spil/shared';
import { HouseholdEntity, HouseholdMemberEntity } from '../../households/household.entity';

/**
 * One ZRM score: a domain of one household member at one moment, with the
 * matrix version it was given in. A new score for the same member, moment
 * and domain supersedes the older one; rows are never changed.
 */
@Entity({ name: 'zrm_score' })
@Index('ix_zrm_score_household', ['householdId', 'memberId', 'moment', 'domain', 'scoredAt'])
@Check('ck_zrm_score_range', '"score" BETWEEN 1 AND 5')
export class ZrmScoreEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => HouseholdMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: HouseholdMemberEntity;

  @Column({ type: 'text' })
  moment: ZrmMoment;

  @Column({ type: 'text' })
  domain: Levensdomein;

  @Column({ type: 'integer' })
  score: number;

  @Column({ name: 'matrix_version', type: 'text' })
  matrixVersion: string;

  /** Date of the information the score rests on, YYYY-MM-DD. */
  @Column({ name: 'info_date', type: 'date' })
  infoDate: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'scored_by', type: 'uuid' })
  scoredBy: string;

  @Column({ name: 'scored_at', type: 'timestamptz' })
  scoredAt: Date;
}
