import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ActieStatus, Levensdomein } from '@spil/shared';
import { HouseholdEntity } from '../modules/households/household.entity';

/**
 * The read model of actions: projected from each plan document whenever it is
 * stored, so questions across households ("my open actions", "overdue in my
 * team") are plain SQL. The plan document stays the source of truth.
 */
@Entity({ name: 'plan_action' })
@Index('ix_plan_action_owner_deadline', ['eigenaarId', 'deadline'])
export class PlanActionEntity {
  @PrimaryColumn({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  /** The action's id inside the plan (text: it comes from a document). */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  titel: string;

  @Column({ name: 'eigenaar_id', type: 'uuid', nullable: true })
  eigenaarId: string | null;

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'text' })
  status: ActieStatus;

  @Column({ type: 'text', nullable: true })
  domein: Levensdomein | null;

  @Column({ name: 'last_update_text', type: 'text', nullable: true })
  lastUpdateText: string | null;

  @Column({ name: 'last_update_by', type: 'text', nullable: true })
  lastUpdateBy: string | null;

  @Column({ name: 'last_update_status', type: 'text', nullable: true })
  lastUpdateStatus: ActieStatus | null;

  @Column({ name: 'last_update_at', type: 'timestamptz', nullable: true })
  lastUpdateAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', nullable: true })
  createdAt: Date | null;
}
