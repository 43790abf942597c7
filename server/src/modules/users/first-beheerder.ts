/**
 * The first beheerder of a deployment (`pnpm beheerder:create`): an inactive
 * account and a single-use link to choose a password. Afterwards the
 * beheerder invites everyone else from the Beheer screen.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AccountTokenEntity } from '../auth/account-token.entity';
import { newLinkCode } from '../auth/account-links';
import { hashPassword } from '../auth/auth.service';
import { UserEntity } from './user.entity';

export async function createBeheerder(
  ds: DataSource,
  input: { email: string; name: string; organisation: string },
  validHours: number,
): Promise<{ userId: string; code: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error('Ongeldig e-mailadres');
  const { code, hash } = newLinkCode();
  const expiresAt = new Date(Date.now() + validHours * 3600_000);
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const userId = await ds.transaction(async (em) => {
    const users = em.getRepository(UserEntity);
    if (await users.exists({ where: { email } }))
      throw new Error('Er bestaat al een account met dit e-mailadres');
    const user = await users.save(
      users.create({
        email,
        name: input.name.trim(),
        passwordHash,
        discipline: 'coordinator',
        domain: null,
        organisation: input.organisation.trim(),
        systemRole: 'beheerder',
        phone: null,
        expertise: null,
        whenToInvolve: null,
        wijkteamId: null,
        active: false,
      }),
    );
    await em.getRepository(AccountTokenEntity).insert({
      userId: user.id,
      purpose: 'invite',
      tokenHash: hash,
      createdBy: null,
      expiresAt,
      usedAt: null,
    });
    return user.id;
  });
  return { userId, code, expiresAt };
}
