import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SafeTypeOrmLogger } from '../modules/hardening/safe-log';
import { runMigrations } from './migrate';

export interface DatabaseTarget {
  url: string;
  /** The embedded PGlite is one session: one pooled connection only. */
  embedded: boolean;
}

export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // Run by `initializeDataSource`, under a lock across instances (migrate.ts).
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: ['error', 'migration'],
    // Failed queries are logged without their parameters: those are personal data.
    logger: new SafeTypeOrmLogger(['error', 'migration']),
    extra: { max: target.embedded ? 1 : 10, application_name: 'spil' },
  };
}

/** Connect and run the pending migrations (once per deployment: see migrate.ts). */
export async function initializeDataSource(
  ds: DataSource,
  target: DatabaseTarget,
): Promise<DataSource> {
  await ds.initialize();
  try {
    await runMigrations(ds, target);
  } catch (e) {
    await ds.destroy();
    throw e;
  }
  return ds;
}

/** A DataSource outside Nest (command-line tools, tests). Runs the migrations. */
export async function openDataSource(target: DatabaseTarget): Promise<DataSource> {
  return initializeDataSource(new DataSource(dataSourceOptions(target)), target);
}
