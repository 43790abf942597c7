import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SafeTypeOrmLogger } from '../modules/hardening/safe-log';

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
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: ['error', 'migration'],
    // Failed queries are logged without their parameters: those are personal data.
    logger: new SafeTypeOrmLogger(['error', 'migration']),
    extra: { max: target.embedded ? 1 : 10, application_name: 'spil' },
  };
}

/** A DataSource outside Nest (command-line tools, tests). Runs the migrations. */
export async function openDataSource(target: DatabaseTarget): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(target));
  await ds.initialize();
  return ds;
}
