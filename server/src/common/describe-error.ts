/**
 * Errors in application logs: say what kind of failure it was, never the
 * message (a driver or validation message can quote names or plan text).
 */
/** `QueryFailedError 23505 on uq_household_reference (household)`: class, SQLSTATE or system code, constraint, table, column. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  const x = e as Error & {
    code?: unknown;
    constraint?: unknown;
    table?: unknown;
    column?: unknown;
    driverError?: unknown;
  };
  const source = (
    x.driverError && typeof x.driverError === 'object' ? x.driverError : x
  ) as typeof x;
  const parts = [e.name];
  // A SQLSTATE (23505) or a Node system code (ECONNREFUSED); never anything longer.
  if (typeof source.code === 'string' && /^([0-9A-Z]{5}|E[A-Z_]{2,30})$/.test(source.code))
    parts.push(source.code);
  if (typeof source.constraint === 'string') parts.push(`on ${source.constraint}`);
  const where = [source.table, source.column].filter((v): v is string => typeof v === 'string');
  if (where.length > 0) parts.push(`(${where.join('.')})`);
  return parts.join(' ');
}

/** A stack without its first line (which repeats the message). */
export function stackWithoutMessage(e: unknown): string | undefined {
  return e instanceof Error ? e.stack?.split('\n').slice(1).join('\n') : undefined;
}
