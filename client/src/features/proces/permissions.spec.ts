import { describe, expect, it } from 'vitest';
import { procesPermissions } from './permissions';

const me = { id: 'u1', systemRole: 'professional' as const };
const regie = (userId: string) => ({ userId, name: 'X', since: '2026-01-01T00:00:00Z' });

describe('procesPermissions', () => {
  it('mirrors the server: lid writes, regiehouder manages, meelezer reads, the household sees only its own part', () => {
    expect(procesPermissions({ myRole: 'lid', regie: regie('u2') }, me)).toEqual({
      internal: true,
      write: true,
      manage: false,
    });
    expect(procesPermissions({ myRole: 'lid', regie: regie('u1') }, me)).toEqual({
      internal: true,
      write: true,
      manage: true,
    });
    expect(procesPermissions({ myRole: 'meelezer', regie: null }, me)).toEqual({
      internal: true,
      write: false,
      manage: false,
    });
    expect(
      procesPermissions({ myRole: 'inwoner', regie: null }, { id: 'u3', systemRole: 'inwoner' }),
    ).toEqual({
      internal: false,
      write: false,
      manage: false,
    });
    expect(
      procesPermissions(
        { myRole: null, regie: regie('u2') },
        { id: 'c', systemRole: 'coordinator' },
      ),
    ).toEqual({
      internal: true,
      write: true,
      manage: true,
    });
  });
});
