/**
 * Factories: each test creates the data it needs in the server's own
 * database, with made-up people only. Never truncate shared tables.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SpilInstance } from '../../server/src/bootstrap';
import { hashPassword } from '../../server/src/modules/auth/auth.service';
import {
  HouseholdEntity,
  TeamMembershipEntity,
} from '../../server/src/modules/households/household.entity';
import { UserEntity } from '../../server/src/modules/users/user.entity';
import type { QuickscanAnswers, TeamRole } from '@spil/shared';

export function dataSourceOf(spil: SpilInstance): DataSource {
  return spil.app.get(DataSource);
}

export async function createUser(
  spil: SpilInstance,
  overrides: Partial<UserEntity> & { password?: string } = {},
): Promise<UserEntity & { password: string }> {
  const ds = dataSourceOf(spil);
  const password = overrides.password ?? `pw-${randomUUID()}`;
  const repo = ds.getRepository(UserEntity);
  const coordinator = await repo.findOne({ where: { email: 'coordinator@demo.spil.test' } });
  const user = await repo.save(
    repo.create({
      email: `test-${randomUUID()}@example.test`,
      name: 'Testpersoon Fictief',
      discipline: 'maatschappelijk-werker',
      domain: 'sociaal',
      organisation: 'Testorganisatie',
      systemRole: 'professional',
      phone: null,
      expertise: null,
      whenToInvolve: null,
      wijkteamId: coordinator?.wijkteamId ?? null,
      active: true,
      ...overrides,
      passwordHash: await hashPassword(password),
    }),
  );
  return Object.assign(user, { password });
}

export async function householdByName(
  spil: SpilInstance,
  displayName: string,
): Promise<HouseholdEntity> {
  return dataSourceOf(spil)
    .getRepository(HouseholdEntity)
    .findOneOrFail({ where: { displayName } });
}

export async function addToTeam(
  spil: SpilInstance,
  householdId: string,
  userId: string,
  role: TeamRole,
): Promise<void> {
  const repo = dataSourceOf(spil).getRepository(TeamMembershipEntity);
  await repo.save(repo.create({ householdId, userId, role, since: new Date(), endedAt: null }));
}

/** Quickscan answers of a household that manages (groen): no danger, no crisis, own strength and a network. */
export const CALM_QUICKSCAN: QuickscanAnswers = {
  veiligheid: 'nee',
  acuteNood: 'nee',
  crisis: 'nee',
  kinderen: 'geen',
  domeinen: '0-1',
  eigenKracht: 'ja',
  netwerk: 'ja',
  eerdereHulp: 'nee',
};
