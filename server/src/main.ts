import { Logger } from '@nestjs/common';
import { startSpil } from './bootstrap';
import { ConfigError } from './config/config';
import { describeError } from './common/describe-error';
import { guardUnhandledRejections } from './common/unhandled-rejections';

async function main(): Promise<void> {
  guardUnhandledRejections();
  const started = Date.now();
  const spil = await startSpil();
  const logger = new Logger('Spil');
  logger.log(
    `Spil draait op http://localhost:${spil.port} (gestart in ${Date.now() - started} ms)`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: readiness uit, verbindingen afronden, alles opslaan en stoppen`);
    spil.drain().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error(`Stoppen mislukt: ${describeError(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  // Before the logger is set up too: one JSON line, with the message only for invalid settings (it names variables).
  const message = e instanceof ConfigError ? e.message : `Starten mislukt: ${describeError(e)}`;
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'fatal', context: 'Spil', message, pid: process.pid })}\n`,
  );
  process.exit(1);
});
