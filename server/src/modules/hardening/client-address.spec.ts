import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/config';
import { ClientAddress } from './client-address';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as IncomingMessage;
}

function addressWith(trustProxy: string | undefined, req: IncomingMessage): string | null {
  return new ClientAddress(parseConfig({ TRUST_PROXY: trustProxy })).of(req);
}

describe('TRUST_PROXY', () => {
  it('parses false, a hop count and a list, loopback by default', () => {
    expect(parseConfig({}).TRUST_PROXY).toEqual(['loopback']);
    expect(parseConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
  });

  it('refuses trusting everyone and what is not an address, naming the variable', () => {
    expect(() => parseConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => parseConfig({ TRUST_PROXY: 'nginx' })).toThrow(/TRUST_PROXY/);
    expect(() => parseConfig({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(/TRUST_PROXY/);
  });

  it('reads X-Forwarded-For only as far as the peers that sent it are trusted', () => {
    const viaProxy = request('10.0.0.2', '203.0.113.7, 10.0.0.9');
    expect(addressWith(undefined, viaProxy)).toBe('10.0.0.2');
    expect(addressWith('false', request('127.0.0.1', '203.0.113.7'))).toBe('127.0.0.1');
    expect(addressWith(undefined, request('127.0.0.1', '203.0.113.7'))).toBe('203.0.113.7');
    expect(addressWith('10.0.0.0/8', viaProxy)).toBe('203.0.113.7');
    expect(addressWith('1', viaProxy)).toBe('10.0.0.9');
    expect(addressWith('10.0.0.0/8', request('10.0.0.2'))).toBe('10.0.0.2');
  });
});
