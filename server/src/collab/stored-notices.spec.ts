import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StoredNotices } from './stored-notices';

describe('StoredNotices', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const setup = () => {
    const sent: string[] = [];
    const state = { vector: 'v0' };
    const notices = new StoredNotices<{ name: string }>(
      (r) => sent.push(`${r.name}@${state.vector}`),
      50,
    );
    return { sent, state, notices };
  };

  it('tells at once after a quiet spell, and paces a busy document to one notice per interval with the latest vector', () => {
    const { sent, state, notices } = setup();
    const room = { name: 'a' };
    state.vector = 'v1';
    notices.committed(room, []);
    expect(sent).toEqual(['a@v1']);
    // Three more commits within the interval: one notice at its end, carrying the vector then.
    vi.advanceTimersByTime(10);
    state.vector = 'v2';
    notices.committed(room, []);
    vi.advanceTimersByTime(10);
    state.vector = 'v3';
    notices.committed(room, []);
    state.vector = 'v4';
    notices.committed(room, []);
    expect(sent).toEqual(['a@v1']);
    vi.advanceTimersByTime(30);
    expect(sent).toEqual(['a@v1', 'a@v4']);
    // Quiet again for an interval: the next goes at once.
    vi.advanceTimersByTime(60);
    state.vector = 'v5';
    notices.committed(room, []);
    expect(sent).toEqual(['a@v1', 'a@v4', 'a@v5']);
  });

  it('paces each document on its own', () => {
    const { sent, notices } = setup();
    notices.committed({ name: 'a' }, []);
    notices.committed({ name: 'b' }, []);
    expect(sent).toEqual(['a@v0', 'b@v0']);
  });

  it('sends a planned notice when the document closes, and none for a broken one', () => {
    const { sent, state, notices } = setup();
    const a = { name: 'a' };
    const b = { name: 'b' };
    notices.committed(a, []);
    notices.committed(b, []);
    state.vector = 'v1';
    notices.committed(a, []);
    notices.committed(b, []);
    notices.flush(a);
    notices.forget(b);
    expect(sent).toEqual(['a@v0', 'b@v0', 'a@v1']);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual(['a@v0', 'b@v0', 'a@v1']);
  });
});
