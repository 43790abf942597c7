import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which of the household's own actions and reactions the team has been notified of. */
export class HouseholdVoice1764000006000 implements MigrationInterface {
  name = 'HouseholdVoice1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "household_voice_notice" ("household_id" uuid NOT NULL, "entry_id" text NOT NULL, "soort" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_899fd655d9081e8475a80090541" PRIMARY KEY ("household_id", "entry_id"))`,
    );
    await q.query(
      `ALTER TABLE "household_voice_notice" ADD CONSTRAINT "FK_7f76bc017ba930cb5a963ecabda" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "household_voice_notice" CASCADE`);
  }
}
