/**
 * Demo data for beheer: a beheerder (made up, password `spil-demo`) and the
 * organisations the demo professionals work for, so the Beheer screen has
 * something to show.
 */
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../modules/auth/auth.service';
import { OrganisationEntity, UserEntity } from '../modules/users/user.entity';

export async function insertDemoBeheer(
  em: EntityManager,
  email: string,
  password: string,
): Promise<void> {
  const users = em.getRepository(UserEntity);
  await users.save(
    users.create({
      email,
      name: 'Bram Beheer',
      passwordHash: await hashPassword(password),
      discipline: 'coordinator',
      domain: null,
      organisation: 'Gemeente Spilstad',
      systemRole: 'beheerder',
      phone: null,
      expertise: null,
      whenToInvolve: null,
      wijkteamId: null,
      active: true,
    }),
  );
  const rows: { organisation: string }[] = await em.query(
    `SELECT DISTINCT organisation FROM app_user WHERE system_role IN ('professional', 'coordinator', 'beheerder')`,
  );
  const orgs = em.getRepository(OrganisationEntity);
  await orgs.save(rows.map((r) => orgs.create({ name: r.organisation })));
}
