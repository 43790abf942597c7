import { describe, expect, it } from 'vitest';
import { formatChange, formatEuro, formatEuroWhole, parseEuroInput } from './format';

describe('proces formats', () => {
  it('writes amounts in Dutch', () => {
    expect(formatEuro(125_050)).toMatch(/^€\s?1\.250,50$/);
    expect(formatEuroWhole(7_000_000)).toMatch(/^€\s?70\.000$/);
  });
  it('writes changes with a sign', () => {
    expect(formatChange(1.5)).toBe('+1,5');
    expect(formatChange(-0.25)).toBe('−0,25');
    expect(formatChange(0)).toBe('0');
  });
  it('reads amounts as typed', () => {
    expect(parseEuroInput('1.250,50')).toBe(125_050);
    expect(parseEuroInput('€ 700')).toBe(70_000);
    expect(parseEuroInput('12,5')).toBe(1_250);
    expect(parseEuroInput('twaalf')).toBeNull();
    expect(parseEuroInput('1,234')).toBeNull();
  });
});
