import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Consent (toestemming), overlegmomenten with participants and decisions, and evaluations of the collaboration. */
export class TeamConsentMeetings1764000004000 implements MigrationInterface {
  name = 'TeamConsentMeetings1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "given_by" text NOT NULL, "given_by_name" text NOT NULL, "representative_role" text, "information_kinds" jsonb NOT NULL, "shared_with_domains" jsonb NOT NULL, "shared_with_organisations" jsonb NOT NULL, "purpose" text NOT NULL, "valid_from" date NOT NULL, "valid_until" date, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, "withdrawal_reason" text, CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "ix_consent_household" ON "consent"  ("household_id") `);
    await q.query(
      `CREATE TABLE "meeting" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "location" text, "online_url" text, "status" text NOT NULL, "agenda" jsonb NOT NULL, "sequence" integer NOT NULL DEFAULT '0', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_dccaf9e4c0e39067d82ccc7bb83" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_meeting_household_start" ON "meeting"  ("household_id", "starts_at") `,
    );
    await q.query(
      `CREATE TABLE "meeting_participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "user_id" uuid, "guest_name" text, "guest_relation" text, "attendance" text, "position" integer NOT NULL, CONSTRAINT "PK_076322be51eef11585f17a45c66" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_meeting_participant_meeting" ON "meeting_participant"  ("meeting_id") `,
    );
    await q.query(
      `CREATE INDEX "ix_meeting_participant_user" ON "meeting_participant"  ("user_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_meeting_participant_user" ON "meeting_participant"  ("meeting_id", "user_id") WHERE "user_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE TABLE "meeting_decision" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "text" text NOT NULL, "owner_id" uuid NOT NULL, "deadline" date NOT NULL, "actie_id" uuid, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6787600e55cc73688b127a1cd93" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_meeting_decision_meeting" ON "meeting_decision"  ("meeting_id") `,
    );
    await q.query(
      `CREATE TABLE "collaboration_evaluation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "meeting_id" uuid, "moment" text NOT NULL, "went_well" text NOT NULL, "to_improve" text NOT NULL, "agreements" text NOT NULL, "score" integer, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f95b30bae0321285892eddeaf36" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_collaboration_evaluation_household" ON "collaboration_evaluation"  ("household_id") `,
    );
    await q.query(
      `ALTER TABLE "consent" ADD CONSTRAINT "FK_400b855a82cb087ac8bc92246e5" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting" ADD CONSTRAINT "FK_aede4dcc4eb5a2f3c132744bd7d" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_participant" ADD CONSTRAINT "FK_edff9f9b6ac4c6d5a813f008885" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_participant" ADD CONSTRAINT "FK_35edf82b08f79f550658689abe9" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_decision" ADD CONSTRAINT "FK_f4733268fa0a9cc03377bf1a58f" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "collaboration_evaluation" ADD CONSTRAINT "FK_2e6c9bbb566c3d08a00c408d175" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "collaboration_evaluation" ADD CONSTRAINT "FK_d1fe157c916344f396a87c4e15f" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'collaboration_evaluation',
      'meeting_decision',
      'meeting_participant',
      'meeting',
      'consent',
    ]) {
      await q.query(`DROP TABLE IF EXISTS "${t}" CASCADE`);
    }
  }
}
