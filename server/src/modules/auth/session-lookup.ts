/**
 * A session with its user in one prepared-once SQL statement, hydrated the
 * way TypeORM hydrates (`driver.prepareHydratedValue` per column), without a
 * query builder. Every request and every socket handshake passes here: the
 * query builder built and escaped the same SQL anew each time and allocated
 * some 60 KB per lookup, which a burst of collab handshakes promoted to the
 * old generation (ADR 018). The column lists come from the entity metadata,
 * so a column added to either entity is read without a change here.
 */
import type { EntityMetadata, Repository } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { UserEntity } from '../users/user.entity';
import type { SessionEntity } from './session.entity';

interface Part {
  metadata: EntityMetadata;
  /** [result alias, column] for every stored column. */
  columns: [string, ColumnMetadata][];
}

export class SessionLookup {
  private readonly sql: string;
  private readonly session: Part;
  private readonly user: Part;

  constructor(private readonly sessions: Repository<SessionEntity>) {
    const ds = sessions.manager.connection;
    const driver = ds.driver;
    const q = (name: string) => driver.escape(name);
    const part = (metadata: EntityMetadata, prefix: string): Part => ({
      metadata,
      columns: metadata.columns
        // What the query builder selects: stored columns, not those marked `select: false`.
        .filter((c) => !c.isVirtual && c.isSelect)
        .map((c): [string, ColumnMetadata] => [`${prefix}_${c.databaseName}`, c]),
    });
    this.session = part(sessions.metadata, 's');
    const relation = sessions.metadata.findRelationWithPropertyPath('user');
    const join = relation?.joinColumns[0];
    if (!relation || !join?.referencedColumn) throw new Error('session.user relation not found');
    this.user = part(relation.inverseEntityMetadata, 'u');
    const select = (alias: string, p: Part) =>
      p.columns.map(([as, c]) => `${alias}.${q(c.databaseName)} AS ${q(as)}`).join(', ');
    this.sql =
      `SELECT ${select('s', this.session)}, ${select('u', this.user)} ` +
      `FROM ${q(this.session.metadata.tableName)} s ` +
      `INNER JOIN ${q(this.user.metadata.tableName)} u ` +
      `ON u.${q(join.referencedColumn.databaseName)} = s.${q(join.databaseName)} ` +
      `WHERE s.${q(sessions.metadata.primaryColumns[0]?.databaseName ?? 'id')} = $1`;
  }

  /** The session with `user` set, or null when there is none (or its user is gone). */
  async find(sessionId: string): Promise<SessionEntity | null> {
    const rows = await this.sessions.manager.connection.query<Record<string, unknown>[]>(this.sql, [
      sessionId,
    ]);
    const row = rows[0];
    if (!row) return null;
    const session = this.hydrate<SessionEntity>(this.session, row);
    session.user = this.hydrate<UserEntity>(this.user, row);
    return session;
  }

  private hydrate<T>(p: Part, row: Record<string, unknown>): T {
    const driver = this.sessions.manager.connection.driver;
    const entity = p.metadata.create() as T & object;
    for (const [as, c] of p.columns) {
      const value = row[as];
      if (value !== undefined) c.setEntityValue(entity, driver.prepareHydratedValue(value, c));
    }
    return entity;
  }
}
