import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin';

const config = { ALLOWED_ORIGINS: ['https://spil.example'] };

describe('isAllowedOrigin', () => {
  it('accepts an allowlisted origin and the same origin', () => {
    expect(isAllowedOrigin({ headers: { origin: 'https://spil.example' } }, config)).toBe(true);
    expect(
      isAllowedOrigin(
        { headers: { origin: 'http://127.0.0.1:4000', host: '127.0.0.1:4000' } },
        config,
      ),
    ).toBe(true);
    expect(
      isAllowedOrigin({ headers: { referer: 'https://spil.example/huishoudens' } }, config),
    ).toBe(true);
  });
  it('refuses another site, a null origin and a missing one', () => {
    expect(
      isAllowedOrigin(
        { headers: { origin: 'https://evil.example', host: 'spil.example' } },
        config,
      ),
    ).toBe(false);
    expect(isAllowedOrigin({ headers: { origin: 'null', host: 'spil.example' } }, config)).toBe(
      false,
    );
    expect(isAllowedOrigin({ headers: { host: 'spil.example' } }, config)).toBe(false);
    expect(isAllowedOrigin({ headers: { referer: 'not a url' } }, config)).toBe(false);
  });
});
