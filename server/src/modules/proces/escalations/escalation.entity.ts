import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { EscalationTarget } from '@spil/shared';
import { HouseholdEntity } from '../../households/household.entity';

/** An escalation from rood to Veilig Thuis, the Zorg- en Veiligheidshuis or an expertiseteam. Open until closed with an outcome. */
@Entity({ name: 'escalation' })
@Index('ix_escalation_household', ['householdId', 'createdAt'])
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ type: 'text' })
  target: EscalationTarget;

  /** The day of the escalation, YYYY-MM-DD. */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  reason: string;

  /** Who to contact at the receiving organisation. */
  @Column({ type: 'text' })
  contact: string;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
