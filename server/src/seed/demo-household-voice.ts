/**
 * The household's own part of the demo plans: what Sandra (inwoner) and
 * Anouk (naaste) of Gezin Bakker do themselves, one of it done, and a
 * reaction on a professional's action. Recorded as already notified, with
 * the notification the regiehouder would have had, so the first start shows
 * it and nothing is notified twice.
 */
import type { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { PlanDoc, type ServerTeamEntry } from '@spil/shared';
import { voiceNotification } from '../household-voice/household-voice.messages';
import { NotificationEntity } from '../modules/notifications/notification.entity';

interface DemoEntry {
  /** Discipline of the author in the team: `inwoner` or `naaste`. */
  door: 'inwoner' | 'naaste';
  /** Days before the demo is loaded. */
  dagenGeleden: number;
  actie?: { tekst: string; wieHelpt?: string; gedaan?: boolean };
  /** A reaction; `op` is the title of the professional's action it is about. */
  reactie?: { tekst: string; op?: string };
}

const ENTRIES: Record<string, DemoEntry[]> = {
  'SPW-2026-0101': [
    {
      door: 'inwoner',
      dagenGeleden: 6,
      actie: { tekst: 'Alle post van de laatste drie maanden in één map doen', gedaan: true },
    },
    {
      door: 'inwoner',
      dagenGeleden: 5,
      actie: {
        tekst: 'Samen de rekeningen op een rij zetten',
        wieHelpt: 'Anouk, mijn zus',
      },
    },
    {
      door: 'naaste',
      dagenGeleden: 4,
      actie: { tekst: 'Op woensdag Lotte uit school halen en bij mij laten spelen' },
    },
    {
      door: 'inwoner',
      dagenGeleden: 1,
      reactie: {
        tekst: 'Dinsdag kan ik. Ik neem de map met post mee.',
        op: 'Aanmelden bij de schuldhulpverlening',
      },
    },
  ],
};

const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString();

/** Add the household's own entries to a demo plan being built. */
export function addDemoHouseholdVoice(
  plan: PlanDoc,
  reference: string,
  team: ServerTeamEntry[],
): void {
  for (const e of ENTRIES[reference] ?? []) {
    const author = team.find((t) => t.discipline === e.door);
    if (!author) continue;
    const by = { auteurId: author.userId, auteurNaam: author.name };
    let id: string;
    if (e.actie) {
      id = plan.addEigenActie({ tekst: e.actie.tekst, wieHelpt: e.actie.wieHelpt, ...by });
      if (e.actie.gedaan) plan.setEigenActieGedaan(id, true);
    } else if (e.reactie) {
      const op = e.reactie.op;
      const actieId = op ? (plan.acties().find((a) => a.titel === op)?.id ?? null) : null;
      id = plan.addReactie({ tekst: e.reactie.tekst, actieId, ...by });
    } else continue;
    const m = plan.huishoudenMap.get(id) as Y.Map<unknown>;
    m.set('aangemaakt', daysAgo(e.dagenGeleden));
    if (m.get('gedaan') === true) m.set('gedaanOp', daysAgo(Math.max(0, e.dagenGeleden - 2)));
  }
}

/**
 * After the plan update is written: mark its household entries as notified,
 * and give the regiehouder the notification of the latest reaction.
 */
export async function recordDemoHouseholdVoice(
  em: EntityManager,
  householdId: string,
  householdName: string,
  update: Uint8Array,
  regieUserId: string | null,
): Promise<void> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const plan = new PlanDoc(doc);
  const entries = plan.huishoudenEntries();
  const team = plan.team();
  for (const e of entries) {
    await em.query(
      'INSERT INTO household_voice_notice (household_id, entry_id, soort, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [householdId, e.id, e.soort, e.aangemaakt || new Date().toISOString()],
    );
  }
  const reactie = entries.filter((e) => e.soort === 'reactie').at(-1);
  if (reactie && regieUserId) {
    const actie = reactie.actieId ? plan.actie(reactie.actieId) : null;
    const n = voiceNotification(reactie, {
      householdId,
      householdName,
      authorName: team.find((t) => t.userId === reactie.auteurId)?.name ?? null,
      actieTitel: actie?.titel ?? null,
    });
    const repo = em.getRepository(NotificationEntity);
    await repo.save(
      repo.create({
        ...n,
        userId: regieUserId,
        readAt: null,
        createdAt: new Date(reactie.aangemaakt),
      }),
    );
  }
  doc.destroy();
}
