import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { BeschikkingStatus, PrijsEenheid, VoorzieningSoort, Vorm, Wet } from '@spil/shared';
import { HouseholdEntity } from '../households/household.entity';
import { WijkteamEntity } from '../users/user.entity';

/** numeric comes back from pg as a string. */
const numericAsNumber = {
  to: (v: number | null) => v,
  from: (v: string | number | null) => (v == null ? null : Number(v)),
};

/**
 * A voorziening deployed for a household: what, under which law and in
 * which form, by whom, when, at what cost per month, for which doel or
 * actie of the plan, and on which beschikking (its status, dates and the
 * municipality's kenmerk; never the document itself).
 */
@Entity({ name: 'voorziening' })
@Index('ix_voorziening_household', ['householdId', 'startOp'])
export class VoorzieningEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @Column({ type: 'text' })
  soort: VoorzieningSoort;

  @Column({ type: 'text' })
  omschrijving: string;

  @Column({ type: 'text' })
  wet: Wet;

  @Column({ type: 'text' })
  vorm: Vorm;

  @Column({ type: 'text' })
  aanbieder: string;

  @Column({ name: 'start_op', type: 'date' })
  startOp: string;

  @Column({ name: 'eind_op', type: 'date', nullable: true })
  eindOp: string | null;

  @Column({
    name: 'uren_per_week',
    type: 'numeric',
    precision: 5,
    scale: 2,
    nullable: true,
    transformer: numericAsNumber,
  })
  urenPerWeek: number | null;

  @Column({ name: 'kosten_per_maand_cents', type: 'integer' })
  kostenPerMaandCents: number;

  /** True: the cost follows the wijkteam's price list (recomputed when the hours change). */
  @Column({ name: 'kosten_uit_prijslijst', type: 'boolean' })
  kostenUitPrijslijst: boolean;

  /** Ids inside the plan document (`doelen.<id>`, `acties.<id>`). */
  @Column({ name: 'doel_id', type: 'text', nullable: true })
  doelId: string | null;

  @Column({ name: 'actie_id', type: 'text', nullable: true })
  actieId: string | null;

  @Column({ name: 'beschikking_status', type: 'text', nullable: true })
  beschikkingStatus: BeschikkingStatus | null;

  @Column({ name: 'beschikking_kenmerk', type: 'text', nullable: true })
  beschikkingKenmerk: string | null;

  @Column({ name: 'aangevraagd_op', type: 'date', nullable: true })
  aangevraagdOp: string | null;

  @Column({ name: 'besluit_op', type: 'date', nullable: true })
  besluitOp: string | null;

  @Column({ name: 'ingang_op', type: 'date', nullable: true })
  ingangOp: string | null;

  @Column({ name: 'beeindigd_op', type: 'date', nullable: true })
  beeindigdOp: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A wijkteam's own price for one kind of voorziening; missing rows fall back to the defaults in `@spil/shared`. */
@Entity({ name: 'voorziening_price' })
export class VoorzieningPriceEntity {
  @PrimaryColumn({ name: 'wijkteam_id', type: 'uuid' })
  wijkteamId: string;

  @ManyToOne(() => WijkteamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'wijkteam_id' })
  wijkteam?: WijkteamEntity;

  @PrimaryColumn({ type: 'text' })
  soort: VoorzieningSoort;

  /** Per `uur` or per `maand`, as the kind's default says (kept with the amount). */
  @Column({ type: 'text' })
  eenheid: PrijsEenheid;

  @Column({ name: 'amount_cents', type: 'integer' })
  amountCents: number;

  @Column({ name: 'updated_by', type: 'uuid' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
