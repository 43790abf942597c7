import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The live plan: the Yjs update log and the compacted snapshots. */
export class Collab1764000001000 implements MigrationInterface {
  name = 'Collab1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "plan_update" ("id" BIGSERIAL NOT NULL, "doc_name" text NOT NULL, "update" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid, CONSTRAINT "PK_34e3c91e65764abe26a4cff7b5d" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_plan_update_doc" ON "plan_update"  ("doc_name", "id") `);
    await q.query(
      `CREATE TABLE "plan_snapshot" ("doc_name" text NOT NULL, "state" bytea NOT NULL, "last_update_id" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2db5278f5eb0fc58a9f82a0b18f" PRIMARY KEY ("doc_name"))`,
    );
    await q.query(
      `ALTER TABLE "plan_update" ADD CONSTRAINT "FK_3e79bbe5121e23fcafc6eef0462" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "plan_snapshot"`);
    await q.query(`DROP TABLE IF EXISTS "plan_update"`);
  }
}
