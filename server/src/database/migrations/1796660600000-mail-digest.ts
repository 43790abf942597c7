import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The date of each person's last daily e-mail digest, so one goes out per day across instances. */
export class MailDigest1796660600000 implements MigrationInterface {
  name = 'MailDigest1796660600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" ADD "digest_sent_on" date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "app_user" DROP COLUMN "digest_sent_on"`);
  }
}
