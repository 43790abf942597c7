import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { GoalResult, Phase } from '@spil/shared';
import { HouseholdEntity } from '../../households/household.entity';

export interface GoalEvaluationRow {
  goalId: string;
  title: string;
  result: GoalResult;
  note: string;
}

/** The evaluation at the end of a trajectory, done with the inwoner. */
@Entity({ name: 'evaluation' })
@Index('ix_evaluation_household', ['householdId', 'createdAt'])
export class EvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  /** Per goal of the plan: behaald, deels or niet, with the title as it was. */
  @Column({ type: 'jsonb' })
  goals: GoalEvaluationRow[];

  @Column({ name: 'resident_view', type: 'text' })
  residentView: string;

  @Column({ type: 'text' })
  collaboration: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Closing after an evaluation, and reopening with a reason: the household's afsluiting history. */
@Entity({ name: 'household_closure' })
@Index('ix_household_closure_household', ['householdId', 'at'])
export class HouseholdClosureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ type: 'text' })
  kind: 'gesloten' | 'heropend';

  @Column({ type: 'text' })
  reason: string;

  /** The phase the household went to. */
  @Column({ type: 'text' })
  phase: Phase;

  @Column({ name: 'evaluation_id', type: 'uuid', nullable: true })
  evaluationId: string | null;

  @ManyToOne(() => EvaluationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'evaluation_id' })
  evaluation?: EvaluationEntity;

  @Column({ name: 'by_user', type: 'uuid' })
  byUser: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
