import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import type { NotificationDto } from '@spil/shared';
import { SpilError } from '../../common/errors';
import { withoutNul } from '../../common/pg-text';
import { describeError } from '../../common/describe-error';
import { EventsBroadcaster, rooms } from '../../events/events.broadcaster';
import { NotificationMailService } from '../mail/notification-mail.service';
import { NotificationEntity, type NotificationKind } from './notification.entity';

export interface NotificationInput {
  kind: NotificationKind;
  householdId: string | null;
  title: string;
  body: string;
  /** Where a direct e-mail about it links to (default: the household, else the start page). Not stored. */
  path?: string;
}

function toDto(n: NotificationEntity): NotificationDto {
  return {
    id: n.id,
    kind: n.kind,
    householdId: n.householdId,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/** Stores notifications and pushes each to its user's sockets (`notification:new`) after commit. */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @InjectRepository(NotificationEntity) private readonly repo: Repository<NotificationEntity>,
    private readonly broadcaster: EventsBroadcaster,
    private readonly mailer: NotificationMailService,
  ) {}

  async notify(userIds: Iterable<string>, input: NotificationInput): Promise<void> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return;
    const { path, ...fields } = input;
    const rows = await this.repo.save(
      unique.map((userId) =>
        this.repo.create({
          ...fields,
          // Titles and bodies often quote plan text, which any client may have written.
          title: withoutNul(input.title),
          body: withoutNul(input.body),
          userId,
          readAt: null,
        }),
      ),
    );
    for (const row of rows)
      this.broadcaster.toRoom(rooms.user(row.userId), 'notification:new', toDto(row));
    // People who are not online hear of it by e-mail, as they chose (never waited for).
    this.mailer
      .afterNotify(rows, path)
      .catch((e: unknown) => this.logger.error(`Notification mail failed: ${describeError(e)}`));
  }

  async list(userId: string): Promise<NotificationDto[]> {
    const rows = await this.repo.find({
      where: { userId },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return rows.map(toDto);
  }

  async markRead(userId: string, id: string): Promise<void> {
    const res = await this.repo.update({ id, userId, readAt: IsNull() }, { readAt: new Date() });
    if (!res.affected && !(await this.repo.exists({ where: { id, userId } })))
      throw new SpilError('notification.not_found');
  }

  async markAllRead(userId: string): Promise<void> {
    await this.repo.update({ userId, readAt: IsNull() }, { readAt: new Date() });
  }

  /** Remove a household's notifications (purge). */
  async deleteForHouseholds(householdIds: string[]): Promise<void> {
    if (householdIds.length) await this.repo.delete({ householdId: In(householdIds) });
  }
}
