import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Regie handovers, notifications, the read model of actions, invitations of the household. */
export class RegieActions1764000005000 implements MigrationInterface {
  name = 'RegieActions1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "regie_handover" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "from_user_id" uuid NOT NULL, "to_user_id" uuid NOT NULL, "reason" text NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4733f78e4b3118d59c6300244ac" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_regie_handover_open" ON "regie_handover"  ("household_id") WHERE "status" = 'open'`,
    );
    await q.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "household_id" uuid, "kind" text NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_notification_user_created" ON "notification"  ("user_id", "created_at") `,
    );
    await q.query(
      `CREATE TABLE "plan_action" ("household_id" uuid NOT NULL, "id" text NOT NULL, "titel" text NOT NULL, "eigenaar_id" uuid, "deadline" date, "status" text NOT NULL, "domein" text, "last_update_text" text, "last_update_by" text, "last_update_status" text, "last_update_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e5a287cb0017f51a5ead53afcda" PRIMARY KEY ("household_id", "id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_plan_action_owner_deadline" ON "plan_action"  ("eigenaar_id", "deadline") `,
    );
    await q.query(
      `ALTER TABLE "regie_handover" ADD CONSTRAINT "FK_f4322bf5cd507cc1226890f3dff" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_928b7aa1754e08e1ed7052cb9d8" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "plan_action" ADD CONSTRAINT "FK_8243ac9ddcd76f31fdb15224a28" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "token_hash" text NOT NULL, "invited_by" uuid NOT NULL, "inwoner_toestemming" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_beb994737756c0f18a1c1f8669c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_invitation_token" ON "invitation"  ("token_hash") `);
    await q.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "FK_efd8b8819b4079734a7d5f279d8" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "invitation" ADD CONSTRAINT "FK_dbf801c80100c878509602456ff" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['invitation', 'plan_action', 'notification', 'regie_handover']) {
      await q.query(`DROP TABLE IF EXISTS "${t}" CASCADE`);
    }
  }
}
