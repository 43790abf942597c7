import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Voorzieningen with their beschikking per household, and the wijkteam's prices per kind (issue 19). */
export class Voorzieningen1796658236914 implements MigrationInterface {
  name = 'Voorzieningen1796658236914';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "voorziening" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "soort" text NOT NULL, "omschrijving" text NOT NULL, "wet" text NOT NULL, "vorm" text NOT NULL, "aanbieder" text NOT NULL, "start_op" date NOT NULL, "eind_op" date, "uren_per_week" numeric(5,2), "kosten_per_maand_cents" integer NOT NULL, "kosten_uit_prijslijst" boolean NOT NULL, "doel_id" text, "actie_id" text, "beschikking_status" text, "beschikking_kenmerk" text, "aangevraagd_op" date, "besluit_op" date, "ingang_op" date, "beeindigd_op" date, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_377220e1a90fd5e849d6b9f38d7" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "ix_voorziening_household" ON "voorziening"  ("household_id", "start_op") `,
    );
    await q.query(
      `CREATE TABLE "voorziening_price" ("wijkteam_id" uuid NOT NULL, "soort" text NOT NULL, "eenheid" text NOT NULL, "amount_cents" integer NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d5a1ab2f5e21c30341dd31ea162" PRIMARY KEY ("wijkteam_id", "soort"))`,
    );
    await q.query(
      `ALTER TABLE "voorziening" ADD CONSTRAINT "FK_6ae42a7723576aa7d560e4856a6" FOREIGN KEY ("household_id") REFERENCES "household"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "voorziening_price" ADD CONSTRAINT "FK_368c0841372388dc4714b93d3e4" FOREIGN KEY ("wijkteam_id") REFERENCES "wijkteam"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "voorziening_price" CASCADE`);
    await q.query(`DROP TABLE IF EXISTS "voorziening" CASCADE`);
  }
}
