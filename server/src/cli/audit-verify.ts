/**
 * `pnpm --filter @spil/server audit:verify`: walk the audit log's hash chain
 * in the database of DATABASE_URL (or the embedded one in DATA_DIR; stop the
 * server first, the embedded database has one user at a time). Prints OK with
 * the head, or the first altered or missing record, and exits 1 then.
 * The verification itself is recorded in the log.
 */
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { parseConfig } from '../config/config';
import { openDataSource } from '../database/data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { AuditWriter, verifyAuditChainSnapshot } from '../modules/audit/audit.writer';

async function main(): Promise<number> {
  const config = parseConfig();
  const embedded = config.DATABASE_URL
    ? null
    : await startEmbeddedPostgres(join(resolve(config.DATA_DIR), 'pg'));
  const ds = await openDataSource({
    url: config.DATABASE_URL ?? (embedded?.url as string),
    embedded: !!embedded,
  });
  try {
    const result = await verifyAuditChainSnapshot(ds);
    if (result.ok) {
      console.log(`OK: ${result.count} records, head ${result.headSeq} ${result.headHash}`);
    } else {
      console.log(
        `FOUT: ${result.message} (eerste ${result.problem === 'missing' ? 'ontbrekende' : 'gewijzigde'} record: ${result.seq})`,
      );
    }
    await new AuditWriter(ds, config.INSTANCE_ID).append([
      {
        event: 'logboek.verify',
        action: 'E',
        outcome: 'success',
        purpose: 'verantwoording',
        channel: 'system',
        userName: 'audit:verify',
        userRole: 'systeem',
        part: 'logboek',
        detail: { ok: result.ok, seq: result.ok ? result.headSeq : result.seq },
      },
    ]);
    return result.ok ? 0 : 1;
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
