/**
 * Demo voorzieningen with their beschikkingen and costs (issue 19): Gezin
 * Bakker has running help under three laws, one beschikking still waiting
 * for the municipality, and help that ends without a follow-up; Huishouden
 * Jansen has Wmo and Zvw help; Gezin Visser light support; the closed Gezin
 * Mulder only ended voorzieningen. Made-up providers and kenmerken, never a
 * BSN. Costs come from the default price list. Runs after the demo plans
 * are written, so links point at real doelen and acties.
 */
import type { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import {
  type Beschikking,
  monthlyCostFromPrice,
  PlanDoc,
  VOORZIENING_SOORT_DEFAULTS,
  type VoorzieningSoort,
  type Vorm,
  type Wet,
} from '@spil/shared';
import { HouseholdEntity } from '../modules/households/household.entity';
import { UserEntity } from '../modules/users/user.entity';
import { VoorzieningEntity } from '../modules/voorzieningen/voorziening.entity';
import { DEMO_CLOSED_REFERENCE } from './demo-proces';

const DAY = 86_400_000;

interface DemoVoorziening {
  soort: VoorzieningSoort;
  omschrijving?: string;
  wet?: Wet;
  vorm?: Vorm;
  aanbieder: string;
  /** Days from now (negative: in the past). */
  start: number;
  end: number | null;
  uren?: number;
  /** Title of the doel or actie in the demo plan it serves. */
  doel?: string;
  actie?: string;
  beschikking?: {
    status: Beschikking['status'];
    kenmerk: string | null;
    aangevraagd: number;
    besluit?: number;
    ingang?: number;
    beeindigd?: number;
  };
}

const BY_REFERENCE: Record<string, DemoVoorziening[]> = {
  // Gezin Bakker
  'SPW-2026-0101': [
    {
      soort: 'schuldhulpverlening',
      aanbieder: 'Kredietbank Spilstad',
      start: -50,
      end: 300,
      actie: 'Aanmelden bij de schuldhulpverlening',
      beschikking: {
        status: 'lopend',
        kenmerk: 'SHV-2026-0311',
        aangevraagd: -75,
        besluit: -55,
        ingang: -50,
      },
    },
    {
      soort: 'ambulante-jeugdhulp',
      omschrijving: 'Gezinsbegeleiding',
      aanbieder: 'Jeugdhulp De Horizon',
      start: 14,
      end: 196,
      uren: 3,
      actie: 'Beschikking jeugdhulp aanvragen voor gezinsbegeleiding',
      // Still waiting for the municipality's decision, longer than the eight weeks allowed.
      beschikking: { status: 'aangevraagd', kenmerk: 'JW-2026-1187', aangevraagd: -63 },
    },
    {
      soort: 'begeleiding',
      omschrijving: 'Opvoedondersteuning thuis',
      vorm: 'pgb',
      aanbieder: 'Zelfstandig begeleider (pgb)',
      start: -160,
      end: 20,
      uren: 2,
      doel: 'Noah gaat weer elke dag naar school',
      beschikking: {
        status: 'lopend',
        kenmerk: 'WMO-2026-0457',
        aangevraagd: -200,
        besluit: -170,
        ingang: -160,
      },
    },
    {
      soort: 'inloop-ontmoeting',
      omschrijving: 'Ouderkamer in Buurthuis De Spil',
      aanbieder: 'Welzijn Spilwijk',
      start: -40,
      end: null,
      doel: 'Rust en vaste structuur thuis',
    },
    {
      soort: 'mantelzorg-netwerk',
      omschrijving: 'Haalt Noah twee middagen uit school',
      aanbieder: 'Anouk (zus van Sandra)',
      start: -30,
      end: null,
      doel: 'Rust en vaste structuur thuis',
    },
  ],
  // Huishouden Jansen
  'SPW-2026-0102': [
    {
      soort: 'huishoudelijke-hulp',
      aanbieder: 'Thuiszorg Het Anker',
      start: -120,
      end: 245,
      uren: 3,
      doel: 'Veilig thuis blijven wonen',
      beschikking: {
        status: 'lopend',
        kenmerk: 'WMO-2026-0212',
        aangevraagd: -150,
        besluit: -128,
        ingang: -120,
      },
    },
    {
      soort: 'wijkverpleging',
      aanbieder: 'Wijkzorg Spilwijk',
      start: -90,
      end: null,
      uren: 2,
      actie: 'Bloeddruk en medicatie controleren',
    },
    {
      soort: 'inloop-ontmoeting',
      omschrijving: 'Koffieochtend in het buurthuis',
      aanbieder: 'Welzijn Spilwijk',
      start: -60,
      end: null,
      doel: 'Twee keer per week contact met anderen',
    },
  ],
  // Gezin Visser
  'SPW-2026-0103': [
    {
      soort: 'sociaal-werk',
      omschrijving: 'Schoolmaatschappelijk werk',
      aanbieder: 'Welzijn Spilwijk',
      start: -10,
      end: 80,
      uren: 1,
    },
  ],
  // Gezin Mulder, closed: everything ended.
  [DEMO_CLOSED_REFERENCE]: [
    {
      soort: 'schuldhulpverlening',
      aanbieder: 'Kredietbank Spilstad',
      start: -300,
      end: -40,
      beschikking: {
        status: 'beeindigd',
        kenmerk: 'SHV-2025-0877',
        aangevraagd: -320,
        besluit: -305,
        ingang: -300,
        beeindigd: -40,
      },
    },
    {
      soort: 'ambulante-jeugdhulp',
      omschrijving: 'Gezinsbegeleiding',
      aanbieder: 'Jeugdhulp De Horizon',
      start: -280,
      end: -90,
      uren: 4,
      beschikking: {
        status: 'beeindigd',
        kenmerk: 'JW-2025-0930',
        aangevraagd: -310,
        besluit: -290,
        ingang: -280,
        beeindigd: -90,
      },
    },
    {
      soort: 'maatje-vrijwilliger',
      aanbieder: 'Maatjesproject Spilwijk',
      start: -120,
      end: -20,
    },
  ],
};

async function planOf(em: EntityManager, householdId: string): Promise<PlanDoc | null> {
  const rows = await em.query<{ update: Buffer }[]>(
    'SELECT "update" FROM plan_update WHERE doc_name = $1 ORDER BY id',
    [householdId],
  );
  if (rows.length === 0) return null;
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.update));
  return new PlanDoc(doc);
}

export async function insertDemoVoorzieningen(em: EntityManager, now = new Date()): Promise<void> {
  const day = (d: number) => new Date(now.getTime() + d * DAY).toISOString().slice(0, 10);
  const by =
    (await em.getRepository(UserEntity).findOne({
      where: { email: 'wmo-consulent@demo.spil.test' },
    })) ?? null;
  if (!by) return;
  const repo = em.getRepository(VoorzieningEntity);
  for (const [reference, list] of Object.entries(BY_REFERENCE)) {
    const h = await em.getRepository(HouseholdEntity).findOne({ where: { reference } });
    if (!h) continue;
    const plan = await planOf(em, h.id);
    const doelen = plan?.doelen() ?? [];
    const acties = plan?.acties() ?? [];
    for (const v of list) {
      const d = VOORZIENING_SOORT_DEFAULTS[v.soort];
      const b = v.beschikking;
      const at = new Date(now.getTime() + Math.min(v.start, b?.aangevraagd ?? v.start) * DAY);
      await repo.save(
        repo.create({
          householdId: h.id,
          soort: v.soort,
          omschrijving: v.omschrijving ?? '',
          wet: v.wet ?? d.wet,
          vorm: v.vorm ?? d.vorm,
          aanbieder: v.aanbieder,
          startOp: day(v.start),
          eindOp: v.end === null ? null : day(v.end),
          urenPerWeek: v.uren ?? null,
          kostenPerMaandCents: monthlyCostFromPrice(d, v.uren ?? null) ?? 0,
          kostenUitPrijslijst: true,
          doelId: v.doel ? (doelen.find((x) => x.titel === v.doel)?.id ?? null) : null,
          actieId: v.actie ? (acties.find((x) => x.titel === v.actie)?.id ?? null) : null,
          beschikkingStatus: b?.status ?? null,
          beschikkingKenmerk: b?.kenmerk ?? null,
          aangevraagdOp: b ? day(b.aangevraagd) : null,
          besluitOp: b?.besluit === undefined ? null : day(b.besluit),
          ingangOp: b?.ingang === undefined ? null : day(b.ingang),
          beeindigdOp: b?.beeindigd === undefined ? null : day(b.beeindigd),
          createdBy: by.id,
          createdAt: at,
          updatedBy: by.id,
          updatedAt: at,
        }),
      );
    }
  }
}
