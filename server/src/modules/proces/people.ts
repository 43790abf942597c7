import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { PersonRef } from '@spil/shared';
import { UserEntity } from '../users/user.entity';

/** Names of the people behind `*_by` columns, for `PersonRef`s in responses. */
export async function peopleByIds(
  em: EntityManager,
  ids: Iterable<string | null>,
): Promise<(id: string) => PersonRef> {
  const unique = [...new Set([...ids].filter((x): x is string => !!x))];
  const rows = unique.length
    ? await em
        .getRepository(UserEntity)
        .find({ where: { id: In(unique) }, select: { id: true, name: true } })
    : [];
  const names = new Map(rows.map((u) => [u.id, u.name]));
  return (id: string) => ({ userId: id, name: names.get(id) ?? 'Onbekend' });
}

/** Today as YYYY-MM-DD in the Dutch calendar, so "today" does not flip at 01:00 local time. */
export function todayInNl(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(now);
}
