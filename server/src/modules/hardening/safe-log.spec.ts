import { describe, expect, it } from 'vitest';
import { describeError, describeQuery, SafeTypeOrmLogger } from './safe-log';

describe('safe logging', () => {
  it('describes a database error by class and codes, never by its message', () => {
    const e = Object.assign(new Error('invalid input syntax for type uuid: "Sandra Bakker"'), {
      name: 'QueryFailedError',
      driverError: { code: '22P02', table: 'household' },
    });
    expect(describeError(e)).toBe('QueryFailedError 22P02 (household)');
    expect(describeError(e)).not.toContain('Sandra');
    const unique = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      constraint: 'uq_household_reference',
    });
    expect(describeError(unique)).toBe('Error 23505 on uq_household_reference');
  });

  it('names the statement and table of a query, without values', () => {
    expect(describeQuery('INSERT INTO "plan_action"("titel") VALUES ($1)')).toBe(
      'INSERT INTO "plan_action"',
    );
    expect(describeQuery(`SELECT * FROM app_user WHERE email = 'a@b.nl'`)).toBe('SELECT');
    expect(describeQuery(`UPDATE household SET display_name = 'Gezin X'`)).toBe('UPDATE household');
  });

  it('never passes parameters to the log', () => {
    const lines: string[] = [];
    const logger = new SafeTypeOrmLogger();
    (logger as unknown as { logger: { error: (m: string) => void } }).logger = {
      error: (m: string) => lines.push(m),
    };
    logger.logQueryError(
      Object.assign(new Error('x "Sandra"'), { code: '23505' }),
      'INSERT INTO "plan_action" VALUES ($1)',
      ['Sandra neemt de post mee'],
    );
    expect(lines.join()).not.toContain('Sandra');
    expect(lines[0]).toBe('INSERT INTO "plan_action" failed: Error 23505');
  });
});
