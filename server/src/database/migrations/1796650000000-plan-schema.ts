import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which stored plans the server has brought to which plan schema version (plan-migration.ts). */
export class PlanSchema1796650000000 implements MigrationInterface {
  name = 'PlanSchema1796650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "plan_schema" ("doc_name" text NOT NULL, "version" integer NOT NULL, "migrated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_plan_schema" PRIMARY KEY ("doc_name"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "plan_schema"`);
  }
}
