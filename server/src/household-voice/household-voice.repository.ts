import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface NoticeKey {
  entryId: string;
  soort: 'actie' | 'reactie';
}

/** The entries of a household's own part that the team was told about. */
@Injectable()
export class HouseholdVoiceRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async noticed(householdId: string): Promise<Set<string>> {
    const rows: { entry_id: string }[] = await this.ds.query(
      'SELECT entry_id FROM household_voice_notice WHERE household_id = $1',
      [householdId],
    );
    return new Set(rows.map((r) => r.entry_id));
  }

  /**
   * Record entries as noticed; returns the ids this call recorded (not those
   * recorded before, by this instance or another). Whoever records an entry
   * sends its notification.
   */
  async claim(householdId: string, entries: NoticeKey[], em?: EntityManager): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const rows: { entry_id: string }[] = await (em ?? this.ds.manager).query(
      `INSERT INTO household_voice_notice (household_id, entry_id, soort)
       SELECT $1, e.entry_id, e.soort FROM unnest($2::text[], $3::text[]) AS e(entry_id, soort)
       ON CONFLICT DO NOTHING
       RETURNING entry_id`,
      [householdId, entries.map((e) => e.entryId), entries.map((e) => e.soort)],
    );
    return new Set(rows.map((r) => r.entry_id));
  }

  /** Undo a claim whose notification could not be sent, so that the next change tries again. */
  async release(householdId: string, entryId: string): Promise<void> {
    await this.ds.query(
      'DELETE FROM household_voice_notice WHERE household_id = $1 AND entry_id = $2',
      [householdId, entryId],
    );
  }
}
