import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withTimeout } from './with-timeout';

/** How long the database check may take before it counts as down, in ms. */
export const DATABASE_CHECK_TIMEOUT_MS = 800;

/**
 * `SELECT 1` with a time limit. Checks that arrive while one is still on its
 * way share it, so a hung database does not collect a queue of probes.
 */
@Injectable()
export class DatabaseHealth {
  private inFlight: Promise<boolean> | null = null;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async check(): Promise<'up' | 'down'> {
    this.inFlight ??= this.ds
      .query('SELECT 1')
      .then(
        () => true,
        () => false,
      )
      .finally(() => {
        this.inFlight = null;
      });
    return (await withTimeout(this.inFlight, DATABASE_CHECK_TIMEOUT_MS, false)) ? 'up' : 'down';
  }
}
