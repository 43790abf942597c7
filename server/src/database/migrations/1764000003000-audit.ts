import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (NEN 7513): `audit_event`, append-only by trigger, with its
 * hash-chain head; and the retention clock of closed households.
 */
export class Audit1764000003000 implements MigrationInterface {
  name = 'Audit1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_event" ("seq" bigint NOT NULL, "id" uuid NOT NULL, "event" text NOT NULL, "action" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" text NOT NULL, "user_id" uuid, "user_name" text, "user_role" text, "organisation" text, "on_behalf_of" text, "purpose" text NOT NULL, "channel" text NOT NULL, "source_instance" text NOT NULL, "source_address" text, "household_id" uuid, "part" text, "detail" text, "prev_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_53300da00860bdf4dc3ef7daae6" PRIMARY KEY ("seq"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_audit_event_id" ON "audit_event"  ("id") `);
    await q.query(`CREATE INDEX "ix_audit_event_time" ON "audit_event"  ("occurred_at") `);
    await q.query(`CREATE INDEX "ix_audit_event_user" ON "audit_event"  ("user_id", "seq") `);
    await q.query(
      `CREATE INDEX "ix_audit_event_household" ON "audit_event"  ("household_id", "seq") `,
    );
    await q.query(
      `CREATE TABLE "audit_chain_head" ("id" smallint NOT NULL, "seq" bigint NOT NULL, "hash" text NOT NULL, CONSTRAINT "PK_9211408bf584034de409b1bbec5" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `INSERT INTO "audit_chain_head" ("id", "seq", "hash") VALUES (1, 0, '${'0'.repeat(64)}')`,
    );
    await q.query(
      `CREATE TABLE "retention_clock" ("household_id" uuid NOT NULL, "closed_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6873da61d253e53cb7a7758d20a" PRIMARY KEY ("household_id"))`,
    );
    await q.query(
      `ALTER TABLE "retention_clock" ADD CONSTRAINT "FK_6873da61d253e53cb7a7758d20a" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Append-only: no UPDATE, DELETE or TRUNCATE of audit records, whoever asks.
    await q.query(`CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER "audit_event_append_only" BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"()`,
    );
    await q.query(
      `CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"()`,
    );
    // The head only moves forward and is never removed.
    await q.query(`CREATE FUNCTION "audit_chain_head_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.seq > OLD.seq THEN RETURN NEW; END IF;
        RAISE EXCEPTION 'audit_chain_head only moves forward (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER "audit_chain_head_forward_only" BEFORE UPDATE OR DELETE ON "audit_chain_head" FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_forward_only"()`,
    );
    await q.query(
      `CREATE TRIGGER "audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION "audit_chain_head_forward_only"()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "retention_clock"`);
    await q.query(`DROP TABLE IF EXISTS "audit_chain_head"`);
    await q.query(`DROP TABLE IF EXISTS "audit_event"`);
    await q.query(`DROP FUNCTION IF EXISTS "audit_chain_head_forward_only"()`);
    await q.query(`DROP FUNCTION IF EXISTS "audit_event_append_only"()`);
  }
}
