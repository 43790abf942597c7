import { createHash, randomBytes } from 'node:crypto';

/** A fresh single-use code for an e-mail link, and the hash that is stored (never the code). */
export function newLinkCode(): { code: string; hash: string } {
  const code = randomBytes(32).toString('base64url');
  return { code, hash: hashLinkCode(code) };
}

export function hashLinkCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
