import { afterEach, describe, expect, it, vi } from 'vitest';
import { Logger } from '@nestjs/common';
import { withCorrelation } from './correlation';
import { logLevels, SpilLogger } from './logging';

function capture(): { lines: () => Record<string, unknown>[]; restore: () => void } {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    out.push(String(chunk));
    return true;
  });
  return {
    lines: () =>
      out
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => spy.mockRestore(),
  };
}

describe('SpilLogger (JSON lines)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one JSON object per line on stdout with time, level, context, message and the correlation id', () => {
    const logger = new SpilLogger(logLevels('log'), 'json', 'spil-a');
    const out = capture();
    withCorrelation('req-12345678', () => logger.log('Plan opgeslagen', 'Collab'));
    logger.warn('Zonder verzoek', 'Spil');
    logger.error('Mislukt', undefined, 'Spil');
    out.restore();
    const [inRequest, outside, error] = out.lines();
    expect(inRequest).toMatchObject({
      level: 'log',
      context: 'Collab',
      message: 'Plan opgeslagen',
      correlationId: 'req-12345678',
      instance: 'spil-a',
    });
    expect(new Date(inRequest?.time as string).toISOString()).toBe(inRequest?.time);
    expect(outside).not.toHaveProperty('correlationId');
    // Errors too go to stdout: one stream.
    expect(error).toMatchObject({ level: 'error', message: 'Mislukt' });
  });

  it('carries the correlation id across awaits, and Nest Loggers write through it', async () => {
    const logger = new SpilLogger(logLevels('log'), 'json');
    Logger.overrideLogger(logger);
    const out = capture();
    await withCorrelation('req-abcdefgh', async () => {
      await new Promise((r) => setTimeout(r, 5));
      new Logger('Deep').log('na een await');
    });
    out.restore();
    expect(out.lines()[0]).toMatchObject({ context: 'Deep', correlationId: 'req-abcdefgh' });
  });

  it('never writes an error message: an Error is logged as its kind, a stack without its first line', () => {
    const logger = new SpilLogger(logLevels('log'), 'json');
    const out = capture();
    const e = Object.assign(new Error('Jan Jansen, BSN-achtige tekst'), { code: 'ECONNRESET' });
    logger.error(e);
    logger.error('Opslaan mislukt', e.stack, 'Collab');
    out.restore();
    const text = out.lines().map((l) => JSON.stringify(l));
    expect(text.join('\n')).not.toContain('Jan Jansen');
    expect(out.lines()[0]?.message).toBe('Error ECONNRESET');
    expect(String(out.lines()[1]?.stack)).toMatch(/^\s+at /);
  });

  it('leaves out levels below LOG_LEVEL', () => {
    const logger = new SpilLogger(logLevels('warn'), 'json');
    const out = capture();
    logger.log('niet');
    logger.warn('wel');
    out.restore();
    expect(out.lines().map((l) => l.message)).toEqual(['wel']);
  });
});
