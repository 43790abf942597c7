import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The process around a household: quickscan and colour history, escalations, ZRM scores, evaluation and closing, effects. */
export class Proces1764000002000 implements MigrationInterface {
  name = 'Proces1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "effect_price" ("wijkteam_id" uuid NOT NULL, "event" text NOT NULL, "amount_cents" integer NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_dad2cd5d76137df4d36c886f64d" PRIMARY KEY ("wijkteam_id", "event"))`,
    );
    await q.query(
      `CREATE TABLE "effect_estimate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "course" text NOT NULL, "events" jsonb NOT NULL, "total_cents" bigint NOT NULL, "estimated_by" uuid NOT NULL, "estimated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_86b5aae6cf93b427679b6110b2b" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_effect_estimate_household" ON "effect_estimate"  ("household_id") `,
    );
    await q.query(`CREATE INDEX "ix_effect_estimate_at" ON "effect_estimate"  ("estimated_at") `);
    await q.query(
      `CREATE TABLE "escalation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "target" text NOT NULL, "date" date NOT NULL, "reason" text NOT NULL, "contact" text NOT NULL, "outcome" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2c9a4d9277ed8620a8a72813864" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_escalation_household" ON "escalation"  ("household_id", "created_at") `,
    );
    await q.query(
      `CREATE TABLE "evaluation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "goals" jsonb NOT NULL, "resident_view" text NOT NULL, "collaboration" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b72edd439b9db736f55b584fa54" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_evaluation_household" ON "evaluation"  ("household_id", "created_at") `,
    );
    await q.query(
      `CREATE TABLE "household_closure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "kind" text NOT NULL, "reason" text NOT NULL, "phase" text NOT NULL, "evaluation_id" uuid, "by_user" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ce81ade560a6f0cac4c7d4528fa" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_household_closure_household" ON "household_closure"  ("household_id", "at") `,
    );
    await q.query(
      `CREATE TABLE "quickscan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "answers" jsonb NOT NULL, "colour" text NOT NULL, "reasons" jsonb NOT NULL, "note" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e9e30ad32815184ebfff1467ca4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_quickscan_household" ON "quickscan"  ("household_id") `);
    await q.query(
      `CREATE TABLE "colour_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "colour" text NOT NULL, "previous_colour" text, "kind" text NOT NULL, "reason" text NOT NULL, "quickscan_id" uuid, "changed_by" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b0754fbbb23b7dbb8484b214fa2" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_colour_change_household" ON "colour_change"  ("household_id", "changed_at") `,
    );
    await q.query(
      `CREATE TABLE "zrm_score" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "member_id" uuid NOT NULL, "moment" text NOT NULL, "domain" text NOT NULL, "score" integer NOT NULL, "matrix_version" text NOT NULL, "info_date" date NOT NULL, "note" text NOT NULL, "scored_by" uuid NOT NULL, "scored_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_zrm_score_range" CHECK ("score" BETWEEN 1 AND 5), CONSTRAINT "PK_1688d0ed314ba7107582269302e" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_zrm_score_household" ON "zrm_score"  ("household_id", "member_id", "moment", "domain", "scored_at") `,
    );
    await q.query(
      `ALTER TABLE "effect_price" ADD CONSTRAINT "FK_000d60279c06757b6cdaadc0383" FOREIGN KEY ("wijkteam_id") REFERENCES "wijkteam"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "effect_estimate" ADD CONSTRAINT "FK_241d67fdb27050e30301f64c00c" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "escalation" ADD CONSTRAINT "FK_884f31bd3d92d0ae8c802fe88a6" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "evaluation" ADD CONSTRAINT "FK_e2d0355d69592dcfa9d41c613f6" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "household_closure" ADD CONSTRAINT "FK_5a3410cde5968bc9fff89ed3b0f" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "household_closure" ADD CONSTRAINT "FK_425b8f5a5cc068d696802a8691a" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "quickscan" ADD CONSTRAINT "FK_4a16f8431c85b0aee74aa4b8930" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "colour_change" ADD CONSTRAINT "FK_caaf808caa60f937aa497fd9652" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "colour_change" ADD CONSTRAINT "FK_45f1efd3192cfd0e2ef0bf4f77c" FOREIGN KEY ("quickscan_id") REFERENCES "quickscan"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "zrm_score" ADD CONSTRAINT "FK_57f6490b9502d8ff84663902e26" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "zrm_score" ADD CONSTRAINT "FK_36ae9632e651a0e85941ee194de" FOREIGN KEY ("member_id") REFERENCES "household_member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'zrm_score',
      'colour_change',
      'quickscan',
      'household_closure',
      'evaluation',
      'escalation',
      'effect_estimate',
      'effect_price',
    ]) {
      await q.query(`DROP TABLE IF EXISTS "${t}" CASCADE`);
    }
  }
}
