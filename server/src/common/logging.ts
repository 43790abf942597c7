/**
 * Structured logs: one JSON object per line on stdout, for every level.
 *
 *   {"time":"2026-12-07T12:00:00.000Z","level":"log","context":"Spil","message":"…",
 *    "correlationId":"…","instance":"spil-a","pid":42}
 *
 * Nest's own ConsoleLogger in JSON mode (see docs/adr/009-json-logs.md), with
 * the ISO time, the correlation id of the request or socket message being
 * handled (`correlation.ts`) and the instance. The no-personal-data rule holds
 * here too: an Error handed to a log call is written as its kind
 * (`describeError`), never its message, and a stack loses its first line
 * (which repeats the message). `LOG_FORMAT=text` gives Nest's readable lines
 * for development.
 */
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { currentCorrelationId } from './correlation';
import { describeError } from './describe-error';

export type LogFormat = 'json' | 'text';

type JsonOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];

export class SpilLogger extends ConsoleLogger {
  constructor(
    levels: LogLevel[],
    format: LogFormat,
    private readonly instance?: string,
  ) {
    super({ logLevels: levels, json: format === 'json', colors: format === 'text' });
  }

  /** Every level on stdout: one stream of JSON lines. */
  protected override printAsJson(message: unknown, options: JsonOptions): void {
    super.printAsJson(message, { ...options, writeStreamType: 'stdout' });
  }

  protected override getJsonLogObject(
    message: unknown,
    options: JsonOptions,
  ): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const correlationId = currentCorrelationId();
    const stack = typeof options.errorStack === 'string' ? options.errorStack : undefined;
    return {
      time: new Date().toISOString(),
      level: options.logLevel,
      ...(options.context ? { context: options.context } : {}),
      message,
      ...(correlationId ? { correlationId } : {}),
      ...(this.instance ? { instance: this.instance } : {}),
      pid: process.pid,
      // Nest's own field (epoch ms), kept for tools that read Nest's JSON logs.
      timestamp: Date.now(),
      ...(stack ? { stack } : {}),
    };
  }

  /** An Error among the messages is logged as its kind and a stack without its first line: never its message. */
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(
      messages.map((m) => (m instanceof Error ? describeError(m) : m)),
      context,
      logLevel,
      writeStreamType,
      typeof errorStack === 'string' ? stackOnly(errorStack) : undefined,
      params,
    );
  }
}

/** The frames of a stack: a first line that is not a frame repeats the error's message and is dropped. */
function stackOnly(stack: string): string | undefined {
  const lines = stack.split('\n');
  const frames = lines[0]?.trimStart().startsWith('at ') ? lines : lines.slice(1);
  return frames.length > 0 ? frames.join('\n') : undefined;
}

/** The levels at and above `level`, as Nest wants them. */
export function logLevels(level: 'error' | 'warn' | 'log' | 'debug'): LogLevel[] {
  const all = ['fatal', 'error', 'warn', 'log', 'debug'] as const;
  return all.slice(0, all.indexOf(level) + 1);
}
