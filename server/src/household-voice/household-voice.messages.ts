/**
 * The texts of the notifications about the household's own part. They say
 * only what the recipients (professionals on the casus team, who read the
 * plan anyway) can already read in the plan: who wrote, and what.
 */
import type { HuishoudenEntry } from '@spil/shared';
import type { NotificationInput } from '../modules/notifications/notifications.service';
import { quote } from '../modules/notifications/quote';

export { QUOTE_MAX } from '../modules/notifications/quote';

export interface VoiceContext {
  householdId: string;
  householdName: string;
  /** The author as the server knows them (a current member of the household), or null. */
  authorName: string | null;
  /** For a reaction on an action: its title, when the action is still in the plan. */
  actieTitel: string | null;
}

export function voiceNotification(entry: HuishoudenEntry, ctx: VoiceContext): NotificationInput {
  const who = ctx.authorName ?? 'Iemand van het huishouden';
  if (entry.soort === 'actie') {
    const helper = entry.wieHelpt.trim() ? ` Hulp van: ${quote(entry.wieHelpt)}.` : '';
    return {
      kind: 'actie',
      householdId: ctx.householdId,
      title: `${who} (${ctx.householdName}) zet een eigen actie in het plan`,
      body: `“${quote(entry.tekst)}”${helper}`,
    };
  }
  const about = ctx.actieTitel ? `op de actie “${quote(ctx.actieTitel)}”` : 'op het plan';
  return {
    kind: 'reactie',
    householdId: ctx.householdId,
    title: `${who} (${ctx.householdName}) reageert ${about}`,
    body: `“${quote(entry.tekst)}”`,
  };
}
