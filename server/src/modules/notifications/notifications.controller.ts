import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { NotificationDto, NotificationParams } from '@spil/shared';
import { ApiZodParams, ApiZodResponse, ZodParams } from '../../common/zod';
import { Auth } from '../auth/auth.guard';
import type { AuthContext } from '../auth/auth.types';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My latest notifications, newest first' })
  @ApiZodResponse(200, z.array(NotificationDto))
  list(@Auth() auth: AuthContext): Promise<NotificationDto[]> {
    return this.notifications.list(auth.user.id);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  readAll(@Auth() auth: AuthContext): Promise<void> {
    return this.notifications.markAllRead(auth.user.id);
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one notification read' })
  @ApiZodParams(NotificationParams)
  read(
    @Auth() auth: AuthContext,
    @ZodParams(NotificationParams) p: z.infer<typeof NotificationParams>,
  ): Promise<void> {
    return this.notifications.markRead(auth.user.id, p.notificationId);
  }
}
