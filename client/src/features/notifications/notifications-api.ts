import { NotificationDto } from '@spil/shared';
import { z } from 'zod';
import { request, requestVoid } from '../../api/http';

/** My latest notifications, newest first. */
export function listNotifications(): Promise<NotificationDto[]> {
  return request('GET', '/api/me/notifications', z.array(NotificationDto));
}

export function markAllRead(): Promise<void> {
  return requestVoid('POST', '/api/me/notifications/read-all');
}

export function markRead(id: string): Promise<void> {
  return requestVoid('POST', `/api/me/notifications/${encodeURIComponent(id)}/read`);
}
