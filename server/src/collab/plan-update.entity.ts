import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../modules/users/user.entity';

/**
 * The append-only log of accepted Yjs updates (V1 encoding), one row per
 * update. A row is written and committed before its update is applied to the
 * live document, relayed or confirmed. Compaction folds rows into
 * `plan_snapshot` and deletes exactly the rows it folded.
 */
@Entity({ name: 'plan_update' })
@Index('ix_plan_update_doc', ['docName', 'id'])
export class PlanUpdateEntity {
  /** bigint arrives as a string from `pg`. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'doc_name', type: 'text' })
  docName: string;

  @Column({ type: 'bytea' })
  update: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Who sent it; null for changes the server made (team, regie, migrations). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
}

/**
 * The compacted state of a document: every update up to `lastUpdateId` that
 * compaction folded in. Loading a document is this state plus every row that
 * is still in `plan_update` for it, in id order.
 */
@Entity({ name: 'plan_snapshot' })
export class PlanSnapshotEntity {
  @PrimaryColumn({ name: 'doc_name', type: 'text' })
  docName: string;

  /** `Y.encodeStateAsUpdate` of the merged document (V1). */
  @Column({ type: 'bytea' })
  state: Buffer;

  /** Highest `plan_update.id` folded into `state`. */
  @Column({ name: 'last_update_id', type: 'bigint' })
  lastUpdateId: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
