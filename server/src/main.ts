import { Logger } from '@nestjs/common';
import { startSpil } from './bootstrap';
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
    logger.log(`${signal}: alles opslaan en stoppen`);
    spil.close().then(
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
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
