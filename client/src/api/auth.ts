import {
  type ErrorCode,
  ERRORS,
  type LoginRequest,
  LoginResponse,
  type UserDto,
  UserDto as UserSchema,
} from '@spil/shared';
import { request, requestVoid } from './http';

/** Log in; `secondFactor` says what the login still needs (`none`, `enrol` or `code`). */
export function login(body: LoginRequest): Promise<LoginResponse> {
  return request('POST', '/api/auth/login', LoginResponse, body);
}

export function logout(): Promise<void> {
  return requestVoid('POST', '/api/auth/logout');
}

/** The logged-in user, or an `ApiError` with status 401. */
export function me(): Promise<UserDto> {
  return request('GET', '/api/auth/me', UserSchema);
}

/** The catalogue's message for an error code in a URL (`?fout=`), or null for anything else. */
export function messageOfCode(code: string | null): string | null {
  return code && code in ERRORS ? ERRORS[code as ErrorCode].message : null;
}
