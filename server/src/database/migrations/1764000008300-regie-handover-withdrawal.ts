import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who answered or withdrew a regie handover offer, and why it was withdrawn. */
export class RegieHandoverWithdrawal1764000008300 implements MigrationInterface {
  name = 'RegieHandoverWithdrawal1764000008300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "regie_handover" ADD "decided_by" uuid`);
    await q.query(`ALTER TABLE "regie_handover" ADD "decision_reason" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "regie_handover" DROP COLUMN "decision_reason"`);
    await q.query(`ALTER TABLE "regie_handover" DROP COLUMN "decided_by"`);
  }
}
