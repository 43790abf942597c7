/** Longest quote of plan text in a notification (characters). */
export const QUOTE_MAX = 200;

/** Plan text quoted in a notification: on one line, at most QUOTE_MAX characters. */
export function quote(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > QUOTE_MAX ? `${t.slice(0, QUOTE_MAX - 1).trimEnd()}…` : t;
}
