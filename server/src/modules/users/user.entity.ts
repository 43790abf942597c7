import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Discipline, Domain, NotifyMode, SystemRole } from '@spil/shared';

@Entity({ name: 'wijkteam' })
export class WijkteamEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  wijk: string;
}

/** A person who logs in: a professional, a coördinator, an inwoner or a naaste. */
@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_app_user_email', { unique: true })
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  discipline: Discipline;

  @Column({ type: 'text', nullable: true })
  domain: Domain | null;

  @Column({ type: 'text' })
  organisation: string;

  @Column({ name: 'system_role', type: 'text' })
  systemRole: SystemRole;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  expertise: string | null;

  @Column({ name: 'when_to_involve', type: 'text', nullable: true })
  whenToInvolve: string | null;

  @Column({ name: 'wijkteam_id', type: 'uuid', nullable: true })
  wijkteamId: string | null;

  @ManyToOne(() => WijkteamEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'wijkteam_id' })
  wijkteam?: WijkteamEntity;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** How notifications reach this person by e-mail while not online. */
  @Column({ name: 'notify_mode', type: 'text', default: 'direct' })
  notifyMode: NotifyMode;

  /** TOTP secret (base32); set at enrolment, in use once `totpEnabled`. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true })
  totpSecret: string | null;

  @Column({ name: 'totp_enabled', type: 'boolean', default: false })
  totpEnabled: boolean;

  /** The Dutch date of the last daily e-mail digest sent to this person. */
  @Column({ name: 'digest_sent_on', type: 'date', nullable: true })
  digestSentOn: string | null;

  /** The last TOTP time step accepted, so a code works once. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** An organisation professionals work for (huisartsenpraktijk, thuiszorg, gemeente). */
@Entity({ name: 'organisation' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_organisation_name', { unique: true })
  @Column({ type: 'text' })
  name: string;
}
