import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People, wijkteams, sessions, households, casus teams and regie. */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "wijkteam" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "wijk" text NOT NULL, CONSTRAINT "PK_ee4e78f71ce96ead064bec29d9a" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "password_hash" text NOT NULL, "discipline" text NOT NULL, "domain" text, "organisation" text NOT NULL, "system_role" text NOT NULL, "phone" text, "expertise" text, "when_to_involve" text, "wijkteam_id" uuid, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user"  ("email") `);
    await q.query(
      `CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_session_user" ON "session"  ("user_id") `);
    await q.query(
      `CREATE TABLE "household" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "display_name" text NOT NULL, "wijk" text NOT NULL, "phase" text NOT NULL, "wijkteam_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_26e9111eab2b8908fefe3c645f5" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_household_reference" ON "household"  ("reference") `);
    await q.query(`CREATE INDEX "ix_household_wijkteam" ON "household"  ("wijkteam_id") `);
    await q.query(
      `CREATE TABLE "household_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "first_name" text NOT NULL, "birth_year" integer NOT NULL, "relation" text NOT NULL, CONSTRAINT "PK_84e1d1f2553646d38e7c8b72a10" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_household_member_household" ON "household_member"  ("household_id") `,
    );
    await q.query(
      `CREATE TABLE "team_membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "since" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b4f8962cc9081c5d30e78cecefc" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_team_membership_user" ON "team_membership"  ("user_id") `);
    await q.query(
      `CREATE UNIQUE INDEX "uq_team_membership_open" ON "team_membership"  ("household_id", "user_id") WHERE "ended_at" IS NULL`,
    );
    await q.query(
      `CREATE TABLE "regie_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "user_id" uuid NOT NULL, "assigned_by" uuid NOT NULL, "reason" text NOT NULL, "since" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_472b0488b0702f16c2f2216cf64" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_regie_open" ON "regie_assignment"  ("household_id") WHERE "ended_at" IS NULL`,
    );
    await q.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_5fb71b32c5503a6c96cb0de2b78" FOREIGN KEY ("wijkteam_id") REFERENCES "wijkteam"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "session" ADD CONSTRAINT "FK_30e98e8746699fb9af235410aff" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "household" ADD CONSTRAINT "FK_5824a1d8fc13af15f61c47663dc" FOREIGN KEY ("wijkteam_id") REFERENCES "wijkteam"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "household_member" ADD CONSTRAINT "FK_6c47781879f802c55b436b40d46" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "team_membership" ADD CONSTRAINT "FK_180c50e4757f9bc1c5c996cf9ab" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "team_membership" ADD CONSTRAINT "FK_59a1695bd2bff4ea225cc211dac" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "regie_assignment" ADD CONSTRAINT "FK_ac234994dafae3c5d386cf7d166" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "regie_assignment" ADD CONSTRAINT "FK_e04f60068b6e8979d5dee0a83cf" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'regie_assignment',
      'team_membership',
      'household_member',
      'household',
      'session',
      'app_user',
      'wijkteam',
    ]) {
      await q.query(`DROP TABLE IF EXISTS "${t}" CASCADE`);
    }
  }
}
