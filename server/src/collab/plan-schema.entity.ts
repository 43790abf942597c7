import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The plan schema version each stored plan was brought to by the server's
 * migration sweep (plan-migration.ts), so a restart does not open every plan
 * again. The document's own `meta.schemaVersion` stays the truth.
 */
@Entity({ name: 'plan_schema' })
export class PlanSchemaEntity {
  @PrimaryColumn({ name: 'doc_name', type: 'text' })
  docName: string;

  @Column({ type: 'integer' })
  version: number;

  @UpdateDateColumn({ name: 'migrated_at', type: 'timestamptz' })
  migratedAt: Date;
}
