/**
 * The last line of defence against a promise that rejects with nobody
 * listening (Node 20 would end the process): logged with where it came from,
 * counted (`spil_unhandled_rejections_total`), and the process carries on.
 * Every one of them is a bug to find and fix at its origin; this only keeps
 * one such bug from taking every connection of the instance down with it.
 *
 * Installed by `main.ts` only: test runners keep their own handler, which
 * fails the test.
 */
import { Logger } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { describeError, stackWithoutMessage } from './describe-error';

export const unhandledRejections =
  (register.getSingleMetric('spil_unhandled_rejections_total') as Counter | undefined) ??
  new Counter({
    name: 'spil_unhandled_rejections_total',
    help: 'Promise rejections nobody handled (each one a bug); the process carried on',
  });

/** Where it came from: the first frames of the stack, which name files and lines, never data. */
export function originOf(reason: unknown): string {
  const frames = (stackWithoutMessage(reason) ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at '))
    .slice(0, 3);
  return frames.length > 0 ? frames.join(' < ') : 'unknown origin';
}

let installed = false;

export function guardUnhandledRejections(): void {
  if (installed) return;
  installed = true;
  const logger = new Logger('Process');
  process.on('unhandledRejection', (reason: unknown) => {
    unhandledRejections.inc();
    logger.error(
      `Unhandled promise rejection (${describeError(reason)}) ${originOf(reason)}; carrying on`,
    );
  });
}
