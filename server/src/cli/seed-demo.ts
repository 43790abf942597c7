/**
 * `pnpm seed:demo`: run the migrations and load the demo data into the
 * database of DATABASE_URL (or the embedded one in DATA_DIR).
 */
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { parseConfig } from '../config/config';
import { openDataSource } from '../database/data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { loadDemoData } from '../seed/demo-data';

async function main(): Promise<void> {
  const config = parseConfig();
  const embedded = config.DATABASE_URL
    ? null
    : await startEmbeddedPostgres(join(resolve(config.DATA_DIR), 'pg'));
  const ds = await openDataSource({
    url: config.DATABASE_URL ?? (embedded?.url as string),
    embedded: !!embedded,
  });
  try {
    console.log((await loadDemoData(ds)) ? 'Demodata geladen.' : 'Demodata stond er al.');
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
