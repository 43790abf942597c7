import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { HouseholdEntity } from '../households/household.entity';

export type HandoverStatus = 'open' | 'geaccepteerd' | 'geweigerd' | 'ingetrokken';

/**
 * A regiehouder offers regie to a colleague; the receiver accepts or declines,
 * or the one who offered it (or the coördinator) withdraws it while it is open.
 */
@Entity({ name: 'regie_handover' })
@Index('uq_regie_handover_open', ['householdId'], { unique: true, where: `"status" = 'open'` })
export class RegieHandoverEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ name: 'from_user_id', type: 'uuid' })
  fromUserId: string;

  @Column({ name: 'to_user_id', type: 'uuid' })
  toUserId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  status: HandoverStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Who answered or withdrew the offer; null when a later offer or an assignment closed it. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  /** Why it was withdrawn, when the one who withdrew it said so. */
  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;
}
