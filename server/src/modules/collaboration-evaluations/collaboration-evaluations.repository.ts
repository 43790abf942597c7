import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { MeetingEntity } from '../meetings/meeting.entity';
import { UserEntity } from '../users/user.entity';
import { CollaborationEvaluationEntity } from './collaboration-evaluation.entity';

@Injectable()
export class CollaborationEvaluationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  list(householdId: string): Promise<CollaborationEvaluationEntity[]> {
    return this.ds
      .getRepository(CollaborationEvaluationEntity)
      .find({ where: { householdId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  insert(
    fields: Omit<CollaborationEvaluationEntity, 'id' | 'createdAt' | 'household' | 'meeting'>,
  ): Promise<CollaborationEvaluationEntity> {
    const repo = this.ds.getRepository(CollaborationEvaluationEntity);
    return repo.save(repo.create(fields));
  }

  meetingExists(householdId: string, meetingId: string): Promise<boolean> {
    return this.ds.getRepository(MeetingEntity).exists({ where: { id: meetingId, householdId } });
  }

  async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.ds
      .getRepository(UserEntity)
      .find({ where: { id: In(unique) }, select: { id: true, name: true } });
    return new Map(users.map((u) => [u.id, u.name]));
  }
}
