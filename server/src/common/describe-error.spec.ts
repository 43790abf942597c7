import { describe, expect, it } from 'vitest';
import { describeError, stackWithoutMessage } from './describe-error';

const CANARY = 'Sandra Bakker woont op Kanaalstraat 12';

describe('describeError', () => {
  it('names the kind of a driver error, never its message', () => {
    const driverError = Object.assign(new Error(`duplicate key (${CANARY})`), {
      code: '23505',
      constraint: 'uq_household_reference',
      table: 'household',
    });
    const e = Object.assign(new Error(`duplicate key (${CANARY})`), { driverError });
    e.name = 'QueryFailedError';
    expect(describeError(e)).toBe('QueryFailedError 23505 on uq_household_reference (household)');
  });

  it('keeps a Node system code and drops codes that could carry text', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), {
      code: 'ECONNREFUSED',
    });
    expect(describeError(refused)).toBe('Error ECONNREFUSED');
    const crafted = Object.assign(new Error(CANARY), { code: CANARY });
    expect(describeError(crafted)).toBe('Error');
  });

  it('says only the type of a thrown non-error', () => {
    expect(describeError(CANARY)).toBe('string');
    expect(describeError(undefined)).toBe('undefined');
  });

  it('leaves the message out of the stack', () => {
    const e = new Error(CANARY);
    expect(stackWithoutMessage(e)).not.toContain(CANARY);
    expect(stackWithoutMessage(e)).toMatch(/describe-error\.spec/);
  });
});
