import {
  type LoginRequest,
  LoginResponse,
  type UserDto,
  UserDto as UserSchema,
} from '@spil/shared';
import { request, requestVoid } from './http';

export async function login(body: LoginRequest): Promise<UserDto> {
  const res = await request('POST', '/api/auth/login', LoginResponse, body);
  return res.user;
}

export function logout(): Promise<void> {
  return requestVoid('POST', '/api/auth/logout');
}

/** The logged-in user, or an `ApiError` with status 401. */
export function me(): Promise<UserDto> {
  return request('GET', '/api/auth/me', UserSchema);
}
