import { Injectable } from '@nestjs/common';
import type { KpiDto, KpiQuery } from '@spil/shared';
import { SpilError } from '../../common/errors';
import { ReadModelRepository } from '../../read-model/read-model.repository';
import type { UserEntity } from '../users/user.entity';
import { todayInNl } from '../proces/people';
import { computeKpis } from './kpi.calc';
import { kpiCsv } from './kpi.csv';
import { KpiRepository } from './kpi.repository';

@Injectable()
export class KpiService {
  constructor(
    private readonly repo: KpiRepository,
    private readonly actions: ReadModelRepository,
  ) {}

  /** The KPIs of the coördinator's own wijkteam; never another team's. */
  async kpis(user: UserEntity, q: KpiQuery): Promise<KpiDto> {
    const wijkteamId = user.wijkteamId;
    if (user.systemRole !== 'coordinator' || !wijkteamId) throw new SpilError('auth.forbidden');
    const [wijkteam, households, escalations, zrm, effects, overdue, voorzieningen] =
      await Promise.all([
        this.repo.wijkteamName(wijkteamId),
        this.repo.households(wijkteamId),
        this.repo.escalations(wijkteamId),
        this.repo.zrmPairs(wijkteamId),
        this.repo.effects(wijkteamId),
        this.actions.overdueInWijkteam(wijkteamId, todayInNl()),
        this.repo.voorzieningen(wijkteamId),
      ]);
    return computeKpis(
      {
        wijkteam,
        households,
        escalations,
        zrm,
        effects,
        overdueActions: overdue.map((a) => a.household_id),
        voorzieningen,
      },
      q,
    );
  }

  async csv(user: UserEntity, q: KpiQuery): Promise<string> {
    return kpiCsv(await this.kpis(user, q));
  }
}
