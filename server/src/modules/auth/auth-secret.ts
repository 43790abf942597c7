/** Injection token of the session signing secret (a file of its own, so that the rate limits can use it without importing AuthService). */
export const AUTH_SECRET = Symbol('AUTH_SECRET');
