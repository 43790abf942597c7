/**
 * No personal data in application logs: names, e-mail addresses and free
 * text of households never reach a log line. Errors are described by their
 * class and database codes only (an error message may quote a value:
 * `invalid input syntax for type uuid: "..."`), and the database logger
 * never prints query parameters.
 *
 * The rule for log calls: log ids, counts, codes and route templates; never
 * `String(error)`, `error.message` of a database or validation error, request
 * bodies, query parameters, document content, names or e-mail addresses. Use
 * `describeError(e)` for an error.
 */
import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

import { describeError } from '../../common/describe-error';

export { describeError };

/** The statement kind and first table of a query: `INSERT INTO "plan_action"`, without values. */
export function describeQuery(query: string): string {
  const m =
    /^\s*(WITH\b.*?\)\s*)?(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|CREATE|ALTER|DROP|VACUUM|TRUNCATE|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b\s*("?[\w.]+"?)?/is.exec(
      query,
    );
  return m ? `${m[2]?.toUpperCase().replace(/\s+/g, ' ')}${m[3] ? ` ${m[3]}` : ''}` : 'query';
}

type Category = 'error' | 'migration' | 'warn' | 'info' | 'log';

/**
 * TypeORM's logger, without parameters or error messages: failures by
 * statement kind, table and code. Logs the categories it is given, like
 * TypeORM's `logging` option; queries and schema builds never.
 */
export class SafeTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('Database');

  constructor(private readonly enabled: readonly Category[] = ['error', 'migration']) {}

  logQuery(): void {
    /* queries are not logged: their parameters are personal data */
  }

  logQueryError(
    error: string | Error,
    query: string,
    _parameters?: unknown[],
    _runner?: QueryRunner,
  ): void {
    if (!this.enabled.includes('error')) return;
    this.logger.error(
      `${describeQuery(query)} failed: ${typeof error === 'string' ? 'error' : describeError(error)}`,
    );
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`${describeQuery(query)} took ${time} ms`);
  }

  logSchemaBuild(): void {
    /* not logged */
  }

  logMigration(message: string): void {
    if (this.enabled.includes('migration')) this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (!this.enabled.includes(level)) return;
    const text = typeof message === 'string' ? message : 'message';
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }
}
