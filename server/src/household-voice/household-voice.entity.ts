import { CreateDateColumn, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { HouseholdEntity } from '../modules/households/household.entity';

/**
 * An entry of a plan's `huishouden` root (an own action or a reaction) that
 * the team has been told about. The primary key makes the notification
 * happen once per entry, across restarts and instances.
 */
@Entity({ name: 'household_voice_notice' })
export class HouseholdVoiceNoticeEntity {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  /** The entry's key in the `huishouden` root. */
  @PrimaryColumn({ name: 'entry_id', type: 'text' })
  entryId: string;

  @Column({ type: 'text' })
  soort: 'actie' | 'reactie';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
