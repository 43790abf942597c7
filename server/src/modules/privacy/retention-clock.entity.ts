import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { HouseholdEntity } from '../households/household.entity';

/**
 * When the retention job first saw a household closed (phase `afgesloten`).
 * The household is purged RETENTION_DAYS after that; reopening it removes
 * the row, and so does the purge itself (cascade).
 */
@Entity({ name: 'retention_clock' })
export class RetentionClockEntity {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ name: 'closed_seen_at', type: 'timestamptz' })
  closedSeenAt: Date;
}
