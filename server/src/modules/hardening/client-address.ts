/**
 * The client's address, the same on every channel: Express's `req.ip` for
 * REST, and this for the collab upgrade and the socket.io handshake, all from
 * one compiled TRUST_PROXY. X-Forwarded-For is read only as far as the peers
 * that sent it are trusted; an untrusted peer's own address is the client's.
 */
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import proxyaddr from 'proxy-addr';
import { APP_CONFIG, type AppConfig } from '../../config/config';

export type TrustFunction = (addr: string, hop: number) => boolean;

/** TRUST_PROXY as Express compiles `trust proxy`: nobody, the first `n` hops, or a list of subnets. */
export function trustFunction(setting: AppConfig['TRUST_PROXY']): TrustFunction {
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_addr, hop) => hop < setting;
  return proxyaddr.compile(setting);
}

@Injectable()
export class ClientAddress {
  readonly trust: TrustFunction;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.trust = trustFunction(config.TRUST_PROXY);
  }

  /** The client's address of a request or upgrade, or null when the socket has none (already closed). */
  of(req: IncomingMessage): string | null {
    if (!req.socket?.remoteAddress) return null;
    return proxyaddr(req, this.trust);
  }
}
