import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Attendance } from '@spil/shared';
import { HouseholdEntity } from '../households/household.entity';
import { UserEntity } from '../users/user.entity';
import { MeetingDecisionEntity, MeetingEntity, MeetingParticipantEntity } from './meeting.entity';

/** Who should be invited: a user on the team, or a naaste by name. */
export type ParticipantSpec = { userId: string } | { guestName: string; guestRelation: string };

type MeetingFields = Omit<MeetingEntity, 'id' | 'createdAt' | 'household' | 'sequence'>;

@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  find(householdId: string, meetingId: string): Promise<MeetingEntity | null> {
    return this.ds.getRepository(MeetingEntity).findOne({ where: { id: meetingId, householdId } });
  }

  listForHousehold(householdId: string): Promise<MeetingEntity[]> {
    return this.ds
      .getRepository(MeetingEntity)
      .find({ where: { householdId }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  /** Meetings the user is invited to, across households. */
  listForParticipant(userId: string): Promise<MeetingEntity[]> {
    return this.ds
      .getRepository(MeetingEntity)
      .createQueryBuilder('m')
      .where(
        'EXISTS (SELECT 1 FROM meeting_participant p WHERE p.meeting_id = m.id AND p.user_id = :userId)',
        { userId },
      )
      .orderBy('m.starts_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
  }

  async isParticipant(meetingId: string, userId: string): Promise<boolean> {
    return this.ds.getRepository(MeetingParticipantEntity).exists({ where: { meetingId, userId } });
  }

  participants(meetingIds: string[]): Promise<MeetingParticipantEntity[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.ds.getRepository(MeetingParticipantEntity).find({
      where: { meetingId: In(meetingIds) },
      relations: { user: true },
      order: { position: 'ASC' },
    });
  }

  decisions(meetingIds: string[]): Promise<MeetingDecisionEntity[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(MeetingDecisionEntity)
      .find({ where: { meetingId: In(meetingIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insertMeeting(em: EntityManager, fields: MeetingFields): Promise<MeetingEntity> {
    const repo = em.getRepository(MeetingEntity);
    return repo.save(repo.create({ ...fields, sequence: 0 }));
  }

  /** Apply a change and bump the calendar sequence. */
  async updateMeeting(em: EntityManager, id: string, patch: Partial<MeetingFields>): Promise<void> {
    await em
      .getRepository(MeetingEntity)
      .createQueryBuilder()
      .update()
      .set({ ...patch, updatedAt: new Date(), sequence: () => 'sequence + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Make the invitation list what `wanted` says, in that order. People who
   * stay keep their recorded attendance.
   */
  async replaceParticipants(
    em: EntityManager,
    meetingId: string,
    wanted: ParticipantSpec[],
  ): Promise<void> {
    const repo = em.getRepository(MeetingParticipantEntity);
    const existing = await repo.find({ where: { meetingId } });
    const keyOf = (userId: string | null, name: string | null, relation: string | null) =>
      userId ? `u:${userId}` : `g:${(name ?? '').toLowerCase()}|${(relation ?? '').toLowerCase()}`;
    const key = (p: ParticipantSpec | MeetingParticipantEntity) =>
      p instanceof MeetingParticipantEntity
        ? keyOf(p.userId, p.guestName, p.guestRelation)
        : 'userId' in p
          ? keyOf(p.userId, null, null)
          : keyOf(null, p.guestName, p.guestRelation);
    const byKey = new Map(existing.map((p) => [key(p), p]));
    const keep = new Set<string>();
    const rows: MeetingParticipantEntity[] = [];
    wanted.forEach((w, position) => {
      const k = key(w);
      if (keep.has(k)) return;
      keep.add(k);
      const row =
        byKey.get(k) ??
        repo.create({
          meetingId,
          userId: 'userId' in w ? w.userId : null,
          guestName: 'guestName' in w ? w.guestName : null,
          guestRelation: 'guestRelation' in w ? w.guestRelation : null,
          attendance: null,
        });
      row.position = position;
      rows.push(row);
    });
    const gone = existing.filter((p) => !keep.has(key(p)));
    if (gone.length > 0) await repo.delete({ id: In(gone.map((p) => p.id)) });
    await repo.save(rows);
  }

  async setAttendance(
    meetingId: string,
    entries: { participantId: string; attendance: Attendance | null }[],
  ): Promise<number> {
    return this.ds.transaction(async (em) => {
      let n = 0;
      for (const e of entries) {
        const res = await em
          .getRepository(MeetingParticipantEntity)
          .update({ id: e.participantId, meetingId }, { attendance: e.attendance });
        n += res.affected ?? 0;
      }
      return n;
    });
  }

  async insertDecision(
    fields: Omit<MeetingDecisionEntity, 'id' | 'createdAt' | 'meeting'>,
  ): Promise<MeetingDecisionEntity> {
    const repo = this.ds.getRepository(MeetingDecisionEntity);
    return repo.save(repo.create(fields));
  }

  async setDecisionActie(id: string, actieId: string): Promise<void> {
    await this.ds.getRepository(MeetingDecisionEntity).update({ id }, { actieId });
  }

  async deleteDecision(id: string): Promise<void> {
    await this.ds.getRepository(MeetingDecisionEntity).delete({ id });
  }

  async users(ids: string[]): Promise<Map<string, UserEntity>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.ds.getRepository(UserEntity).find({ where: { id: In(unique) } });
    return new Map(rows.map((u) => [u.id, u]));
  }

  async households(ids: string[]): Promise<Map<string, HouseholdEntity>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.ds.getRepository(HouseholdEntity).find({ where: { id: In(unique) } });
    return new Map(rows.map((h) => [h.id, h]));
  }
}
