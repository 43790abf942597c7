import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts (lane 15): organisations, single-use e-mail links (invitations of
 * professionals, password resets), the second factor with recovery codes,
 * notification settings, the session's login method and pending second
 * step, the aanmelding's referral, and which notifications went out by mail.
 */
export class Accounts1796658500000 implements MigrationInterface {
  name = 'Accounts1796658500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_organisation_name" ON "organisation" ("name")`);
    await q.query(
      `CREATE TABLE "account_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" text NOT NULL, "token_hash" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a55842d3341d42534e39f85e931" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_account_token_user" ON "account_token" ("user_id")`);
    await q.query(`CREATE UNIQUE INDEX "uq_account_token_hash" ON "account_token" ("token_hash")`);
    await q.query(
      `CREATE TABLE "recovery_code" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" text NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b7f1e23329e93a80e25fd281922" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_recovery_code_user" ON "recovery_code" ("user_id")`);
    await q.query(`ALTER TABLE "app_user" ADD "notify_mode" text NOT NULL DEFAULT 'direct'`);
    await q.query(`ALTER TABLE "app_user" ADD "totp_secret" text`);
    await q.query(`ALTER TABLE "app_user" ADD "totp_enabled" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "app_user" ADD "totp_last_step" bigint`);
    await q.query(
      `ALTER TABLE "session" ADD "second_factor_pending" boolean NOT NULL DEFAULT false`,
    );
    await q.query(`ALTER TABLE "session" ADD "method" text NOT NULL DEFAULT 'password'`);
    await q.query(`ALTER TABLE "household" ADD "referred_by" text`);
    await q.query(`ALTER TABLE "household" ADD "referred_on" date`);
    await q.query(`ALTER TABLE "notification" ADD "mailed_at" TIMESTAMP WITH TIME ZONE`);
    // Notifications from before e-mail existed are not mailed afterwards.
    await q.query(`UPDATE "notification" SET "mailed_at" = "created_at"`);
    await q.query(
      `ALTER TABLE "account_token" ADD CONSTRAINT "FK_ab3c66669facfe429164e60ab82" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "recovery_code" ADD CONSTRAINT "FK_f5c95d9ca2047afa670093e2028" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notification" DROP COLUMN "mailed_at"`);
    await q.query(`ALTER TABLE "household" DROP COLUMN "referred_on"`);
    await q.query(`ALTER TABLE "household" DROP COLUMN "referred_by"`);
    await q.query(`ALTER TABLE "session" DROP COLUMN "method"`);
    await q.query(`ALTER TABLE "session" DROP COLUMN "second_factor_pending"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "totp_last_step"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "totp_enabled"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "totp_secret"`);
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "notify_mode"`);
    await q.query(`DROP TABLE "recovery_code"`);
    await q.query(`DROP TABLE "account_token"`);
    await q.query(`DROP TABLE "organisation"`);
  }
}
