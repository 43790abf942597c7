import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Colour, ColourChangeKind, QuickscanAnswers } from '@spil/shared';
import { HouseholdEntity } from '../../households/household.entity';

/** One quickscan at intake: the answers, and the colour and reasons they gave. Never changed afterwards. */
@Entity({ name: 'quickscan' })
export class QuickscanEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_quickscan_household')
  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ type: 'jsonb' })
  answers: QuickscanAnswers;

  @Column({ type: 'text' })
  colour: Colour;

  @Column({ type: 'jsonb' })
  reasons: string[];

  @Column({ type: 'text' })
  note: string;

  /** The professional who did it; no foreign key, so history outlives accounts. */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The colour history of a household: the quickscan's colour, then every
 * opschalen and afschalen, with reason, who and when. The newest row is the
 * current colour. Rows are only ever added.
 */
@Entity({ name: 'colour_change' })
@Index('ix_colour_change_household', ['householdId', 'changedAt'])
export class ColourChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ type: 'text' })
  colour: Colour;

  @Column({ name: 'previous_colour', type: 'text', nullable: true })
  previousColour: Colour | null;

  @Column({ type: 'text' })
  kind: ColourChangeKind;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'quickscan_id', type: 'uuid', nullable: true })
  quickscanId: string | null;

  @ManyToOne(() => QuickscanEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'quickscan_id' })
  quickscan?: QuickscanEntity;

  @Column({ name: 'changed_by', type: 'uuid' })
  changedBy: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
