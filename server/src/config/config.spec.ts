import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
  it('gives the embedded defaults', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe('./data');
    expect(c.ALLOWED_ORIGINS).toContain('http://localhost:3000');
  });
  it('fails fast and names the variable', () => {
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseConfig({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(() => parseConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
  it('asks a second factor of staff with a real database, of nobody in the embedded demo', () => {
    expect(parseConfig({}).REQUIRE_2FA).toBe('off');
    expect(parseConfig({ DATABASE_URL: 'postgres://db/spil' }).REQUIRE_2FA).toBe('staff');
    expect(
      parseConfig({ DATABASE_URL: 'postgres://db/spil', REQUIRE_2FA: 'all' }).REQUIRE_2FA,
    ).toBe('all');
    expect(() => parseConfig({ REQUIRE_2FA: 'sometimes' })).toThrow(/REQUIRE_2FA/);
  });
  it('reads single sign-on providers and names a missing setting', () => {
    const c = parseConfig({
      OIDC_PROVIDERS: 'gemeente',
      OIDC_GEMEENTE_ISSUER: 'https://login.gemeente.example',
      OIDC_GEMEENTE_CLIENT_ID: 'spil',
      OIDC_GEMEENTE_CLIENT_SECRET: 'geheim',
      OIDC_GEMEENTE_EMAIL_CLAIM: 'upn',
    });
    expect(c.OIDC_PROVIDERS).toEqual([
      {
        id: 'gemeente',
        label: 'gemeente',
        issuer: 'https://login.gemeente.example',
        clientId: 'spil',
        clientSecret: 'geheim',
        emailClaim: 'upn',
      },
    ]);
    expect(() =>
      parseConfig({ OIDC_PROVIDERS: 'zorg', OIDC_ZORG_ISSUER: 'https://idp.example' }),
    ).toThrow(/OIDC_ZORG_CLIENT_ID/);
  });
});
