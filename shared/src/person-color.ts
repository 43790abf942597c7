/**
 * Every person in a live document gets one stable colour: the server writes it
 * into their awareness state (overwriting what a client announces) and the
 * client uses the same one for its own chip, so everyone sees the same colour.
 * Dark enough for white text; hex only, because y-prosemirror appends an alpha.
 */
const PERSON_PALETTE = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
  '#a16207',
  '#4338ca',
  '#0f766e',
  '#9d174d',
] as const;

/** FNV-1a over the user id into the palette. */
export function personColor(userId: string): string {
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 16777619) >>> 0;
  return PERSON_PALETTE[h % PERSON_PALETTE.length] ?? PERSON_PALETTE[0];
}
