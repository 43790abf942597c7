/**
 * Tells the open screens of a household's team that its process changed, so
 * the colour, the escalation banner and the phase follow without a reload.
 * Called after the change committed. Only the users who may see that part of
 * the household hear of it (need to know): never a broadcast. The event says
 * what changed, not the new value; each screen loads that itself, with its
 * own access check and audit record.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { ProcesChanged } from '@spil/shared';
import { describeError } from '../../common/describe-error';
import { EventsBroadcaster } from '../../events/events.broadcaster';
import { INTERNAL_AUDIENCE, ProcesLiveRepository, WHOLE_TEAM } from './proces-live.repository';

@Injectable()
export class ProcesLive {
  private readonly logger = new Logger(ProcesLive.name);

  constructor(
    private readonly repo: ProcesLiveRepository,
    private readonly broadcaster: EventsBroadcaster,
  ) {}

  /**
   * One `proces:changed` per kind of change. The change is stored already:
   * a failure here is logged and never fails the request.
   */
  async changed(householdId: string, ...what: ProcesChanged['what'][]): Promise<void> {
    try {
      for (const w of new Set(what)) {
        const users = await this.repo.audience(
          householdId,
          w === 'fase' ? WHOLE_TEAM : INTERNAL_AUDIENCE,
        );
        this.broadcaster.toUsers(users, 'proces:changed', { householdId, what: w });
      }
    } catch (e) {
      this.logger.warn(`proces:changed was not sent: ${describeError(e)}`);
    }
  }
}
