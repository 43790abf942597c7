/**
 * Backups of the embedded database while Spil runs. The embedded database
 * lives inside the server process, so only that process can copy it
 * consistently: it listens on a Unix socket in the data folder
 * (`DATA_DIR/spil.sock`, mode 0600: whoever may read the data folder may
 * take a backup, nobody else) and answers `backup` with a gzipped tar of the
 * database folder (`EmbeddedPostgres.backup`). `pnpm backup` asks there, and
 * opens the folder itself when no server runs.
 *
 * The socket doubles as a lock: a second server on the same data folder
 * finds it answering and refuses to start, instead of opening the database
 * twice.
 *
 * PostgreSQL deployments back up with `pg_dump` (see README, In productie).
 */
import { chmodSync, existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { describeError } from '../common/describe-error';

export const CONTROL_SOCKET = 'spil.sock';

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, CONTROL_SOCKET);
}

/** Connect to a running server's control socket; null when none answers there. */
function dial(path: string): Promise<Socket | null> {
  return new Promise((resolve) => {
    if (!existsSync(path)) {
      resolve(null);
      return;
    }
    const sock = connect(path);
    sock.once('connect', () => resolve(sock));
    sock.once('error', () => resolve(null));
  });
}

export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
}

/**
 * Serve backups of this process's embedded database on the data folder's
 * control socket. Throws DataFolderInUseError when another server answers
 * there already.
 */
export async function serveBackups(
  dataDir: string,
  backup: () => Promise<Uint8Array>,
): Promise<{ close(): Promise<void> }> {
  const logger = new Logger('Backup');
  const path = controlSocketPath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const other = await dial(path);
  if (other) {
    other.destroy();
    throw new DataFolderInUseError('another Spil server uses this data folder');
  }
  if (existsSync(path)) unlinkSync(path); // left by a process that died
  const server: Server = createServer((sock) => {
    sock.on('error', () => sock.destroy());
    let command = '';
    sock.on('data', (chunk: Buffer) => {
      command += chunk.toString('utf8');
      if (!command.includes('\n')) {
        if (command.length > 64) sock.destroy();
        return;
      }
      if (command.trim() !== 'backup') {
        sock.end(`${JSON.stringify({ ok: false, error: 'unknown command' })}\n`);
        return;
      }
      const started = Date.now();
      backup().then(
        (bytes) => {
          sock.write(`${JSON.stringify({ ok: true, bytes: bytes.length })}\n`);
          sock.end(bytes);
          logger.log(`Backup taken: ${bytes.length} bytes in ${Date.now() - started} ms`);
        },
        (e: unknown) => {
          logger.error(`Backup failed: ${describeError(e)}`);
          sock.end(`${JSON.stringify({ ok: false, error: describeError(e) })}\n`);
        },
      );
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
    chmodSync(path, 0o600);
  } catch (e) {
    // A path too long for a socket, or a file system without sockets: no online backups then.
    logger.warn(`No backup socket in the data folder (${describeError(e)}): back up while stopped`);
    return { close: () => Promise.resolve() };
  }
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // close() removes the socket file too.
      }),
  };
}

/** Ask the server running on `dataDir` for a backup; null when no server runs there. */
export async function requestBackup(dataDir: string): Promise<Uint8Array | null> {
  const sock = await dial(controlSocketPath(dataDir));
  if (!sock) return null;
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.once('error', reject);
    sock.once('end', () => {
      const all = Buffer.concat(chunks);
      const nl = all.indexOf(0x0a);
      if (nl < 0) {
        reject(new Error('the server gave no answer'));
        return;
      }
      const head = JSON.parse(all.subarray(0, nl).toString('utf8')) as {
        ok: boolean;
        bytes?: number;
        error?: string;
      };
      const body = all.subarray(nl + 1);
      if (!head.ok) reject(new Error(`the server could not take the backup: ${head.error}`));
      else if (body.length !== head.bytes)
        reject(new Error(`incomplete backup: ${body.length} of ${head.bytes} bytes`));
      else resolve(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    });
    sock.write('backup\n');
  });
}
