import type { UserEntity } from '../users/user.entity';

/** The caller of a request or a socket, after authentication. */
export interface AuthContext {
  user: UserEntity;
  sessionId: string;
  /** A password login whose second factor is not done yet: only the second-step routes. */
  secondFactorPending: boolean;
  /** `password` or `oidc:<provider>`. */
  method: string;
  /** How the caller proved who they are; cookie callers are subject to the Origin check. */
  via: 'bearer' | 'cookie';
}

export const SESSION_COOKIE = 'spil_session';

/** What the headers of a request or an upgrade carry. */
export interface CredentialSource {
  headers: Record<string, string | string[] | undefined>;
}
