/**
 * PostgreSQL text and jsonb cannot hold U+0000. Text that comes from a plan
 * (any client may write anything there) loses it before it is stored
 * elsewhere; request input that holds it is refused at the edge (ZodPipe).
 */
export function withoutNul(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', '') : s;
}

/** The path of the first string in `value` that holds U+0000 (keys included), or null. */
export function nulPath(value: unknown, limit = 10_000): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  let seen = 0;
  while (stack.length > 0 && seen++ < limit) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push({ v: x, path: path ? `${path}.${i}` : String(i) }));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${withoutNul(k)}` : withoutNul(k);
        if (k.includes('\u0000')) return p;
        stack.push({ v: x, path: p });
      }
    }
  }
  return null;
}
