import { afterAll, describe, expect, it } from 'vitest';
import { pendingSchemaChanges } from '../cli/migration-check';
import {
  createTestDatabase,
  databaseKinds,
  type TestDatabase,
} from '../../../test/support/database';

describe.each(databaseKinds())('migrations on %s', (kind) => {
  let db: TestDatabase;
  afterAll(async () => db?.drop());

  it('create exactly the schema the entities describe', async () => {
    db = await createTestDatabase(kind);
    const pending = await pendingSchemaChanges(db.url, db.embedded);
    expect(pending, `entities and migrations disagree:\n${pending.join(';\n')}`).toEqual([]);
  });
});
