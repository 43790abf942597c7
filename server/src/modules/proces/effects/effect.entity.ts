import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AvoidedEvent } from '@spil/shared';
import { HouseholdEntity } from '../../households/household.entity';
import { WijkteamEntity } from '../../users/user.entity';

/** bigint comes back from pg as a string; amounts stay far below 2^53. */
const bigintAsNumber = {
  to: (v: number) => v,
  from: (v: string | number | null) => (v == null ? 0 : Number(v)),
};

/** A region's own amount for one avoided event; missing rows fall back to the defaults in `@spil/shared`. */
@Entity({ name: 'effect_price' })
export class EffectPriceEntity {
  @PrimaryColumn({ name: 'wijkteam_id', type: 'uuid' })
  wijkteamId: string;

  @ManyToOne(() => WijkteamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'wijkteam_id' })
  wijkteam?: WijkteamEntity;

  @PrimaryColumn({ type: 'text' })
  event: AvoidedEvent;

  @Column({ name: 'amount_cents', type: 'integer' })
  amountCents: number;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export interface EffectItemRow {
  event: AvoidedEvent;
  count: number;
  /** Amount for one occurrence when saved: later price changes do not rewrite past estimates. */
  unitCents: number;
  note: string;
}

/** The Effectencalculator for one household: the likely course without the intervention and the costs thereby avoided. */
@Entity({ name: 'effect_estimate' })
export class EffectEstimateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_effect_estimate_household', { unique: true })
  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ type: 'text' })
  course: string;

  @Column({ type: 'jsonb' })
  events: EffectItemRow[];

  @Column({ name: 'total_cents', type: 'bigint', transformer: bigintAsNumber })
  totalCents: number;

  @Column({ name: 'estimated_by', type: 'uuid' })
  estimatedBy: string;

  @Index('ix_effect_estimate_at')
  @Column({ name: 'estimated_at', type: 'timestamptz' })
  estimatedAt: Date;
}
