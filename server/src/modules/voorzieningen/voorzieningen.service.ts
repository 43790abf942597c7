/**
 * Voorzieningen and their beschikkingen: authoritative facts of a household,
 * changed through REST only, by a `lid` of the casus team or the coördinator
 * (read by the professionals on the team; the household sees them in plain
 * words through `mijnHulp`). Every call is audited by the audit interceptor
 * (part `voorzieningen`). After each committed change `voorzieningen.changed`
 * is published; the events gateway tells the open screens of the household,
 * which reload with their own access check.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type Beschikking,
  canMoveBeschikking,
  CreateVoorzieningRequest,
  householdBudget,
  type HouseholdBudgetDto,
  type MijnHulpDto,
  monthlyCostFromPrice,
  type PersonRef,
  type UpdateVoorzieningPricesRequest,
  type UpdateVoorzieningRequest,
  type VoorzieningDto,
  type VoorzieningLinksDto,
  voorzieningFase,
  voorzieningLabel,
  type VoorzieningPriceDto,
  VOORZIENING_SOORT_DEFAULTS,
  VOORZIENING_SOORTEN,
} from '@spil/shared';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DomainEvents } from '../../common/domain-events';
import { SpilError } from '../../common/errors';
import { PLAN_DOCUMENTS, type PlanDocuments } from '../../common/plan-documents.port';
import { EffectsService } from '../proces/effects/effects.service';
import { peopleByIds, todayInNl } from '../proces/people';
import { ProcesAccess } from '../proces/proces-access';
import type { UserEntity } from '../users/user.entity';
import type { VoorzieningEntity } from './voorziening.entity';
import { VoorzieningenRepository } from './voorzieningen.repository';

type Fields = z.output<typeof CreateVoorzieningRequest>;

@Injectable()
export class VoorzieningenService {
  constructor(
    private readonly repo: VoorzieningenRepository,
    private readonly access: ProcesAccess,
    private readonly effects: EffectsService,
    private readonly events: DomainEvents,
    @Inject(PLAN_DOCUMENTS) private readonly plan: PlanDocuments,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /* ---------- price list ---------- */

  /** The wijkteam's price per kind: its own where set, the defaults elsewhere. */
  async priceList(
    wijkteamId: string | null,
    em: EntityManager = this.repo.manager,
  ): Promise<VoorzieningPriceDto[]> {
    const own = new Map(
      (wijkteamId ? await this.repo.prices(wijkteamId, em) : []).map((p) => [p.soort, p]),
    );
    return VOORZIENING_SOORTEN.map((soort) => {
      const d = VOORZIENING_SOORT_DEFAULTS[soort];
      const mine = own.get(soort);
      return {
        soort,
        label: d.label,
        eenheid: d.eenheid,
        amountCents: mine?.amountCents ?? d.amountCents,
        isDefault: mine === undefined,
      };
    });
  }

  prices(user: UserEntity): Promise<VoorzieningPriceDto[]> {
    return this.priceList(user.wijkteamId);
  }

  /** A coördinator sets the prices of their own wijkteam. */
  async updatePrices(
    user: UserEntity,
    body: UpdateVoorzieningPricesRequest,
  ): Promise<VoorzieningPriceDto[]> {
    const wijkteamId = user.wijkteamId;
    if (user.systemRole !== 'coordinator' || !wijkteamId) throw new SpilError('auth.forbidden');
    await this.repo.transaction(async (em) => {
      for (const p of body.prices)
        await this.repo.setPrice(
          em,
          wijkteamId,
          p.soort,
          VOORZIENING_SOORT_DEFAULTS[p.soort].eenheid,
          p.amountCents,
          user.id,
        );
    });
    return this.priceList(wijkteamId);
  }

  /* ---------- voorzieningen ---------- */

  async list(user: UserEntity, householdId: string): Promise<VoorzieningDto[]> {
    await this.access.require(user, householdId, 'internal');
    return this.toDtos(await this.repo.list(householdId));
  }

  /** For the inzage export: everything the caller may see about the household (the household's own people included). */
  async forExport(user: UserEntity, householdId: string): Promise<VoorzieningDto[]> {
    await this.access.require(user, householdId, 'read');
    return this.toDtos(await this.repo.list(householdId));
  }

  async create(
    user: UserEntity,
    householdId: string,
    body: CreateVoorzieningRequest,
  ): Promise<VoorzieningDto> {
    const { household } = await this.access.require(user, householdId, 'write', {
      openOnly: true,
    });
    const input = CreateVoorzieningRequest.parse(body);
    await this.checkLinks(householdId, input);
    const row = await this.repo.transaction(async (em) => {
      const cost = await this.cost(household.wijkteamId, input, em);
      const now = new Date();
      return this.repo.insert(em, {
        householdId,
        ...columns(input),
        ...cost,
        createdBy: user.id,
        createdAt: now,
        updatedBy: user.id,
        updatedAt: now,
      });
    });
    this.events.publish('voorzieningen.changed', { householdId });
    return (await this.toDtos([row]))[0] as VoorzieningDto;
  }

  /**
   * Change what was sent. The beschikking moves only forward (aangevraagd →
   * toegekend | afgewezen → lopend → beëindigd); every status has its date.
   * A cost from the price list follows a change of kind or hours.
   */
  async update(
    user: UserEntity,
    householdId: string,
    id: string,
    body: UpdateVoorzieningRequest,
  ): Promise<VoorzieningDto> {
    const { household } = await this.access.require(user, householdId, 'write');
    const row = await this.repo.transaction(async (em) => {
      const v = await this.repo.findForUpdate(em, householdId, id);
      if (!v) throw new SpilError('voorziening.not_found');
      const before = toFields(v);
      const patch = Object.fromEntries(
        Object.entries(body).filter(([, value]) => value !== undefined),
      ) as Partial<Fields>;
      const merged = validate({
        ...before,
        ...patch,
        kostenPerMaandCents:
          'kostenPerMaandCents' in patch
            ? (patch.kostenPerMaandCents ?? null)
            : v.kostenUitPrijslijst
              ? null
              : v.kostenPerMaandCents,
      });
      if (before.beschikking && merged.beschikking) {
        if (!canMoveBeschikking(before.beschikking.status, merged.beschikking.status))
          throw new SpilError('voorziening.beschikking_step', 'beschikking.status');
      }
      if (patch.doelId !== undefined || patch.actieId !== undefined)
        await this.checkLinks(householdId, merged);
      Object.assign(v, columns(merged), await this.cost(household.wijkteamId, merged, em));
      v.updatedBy = user.id;
      v.updatedAt = new Date();
      return this.repo.save(em, v);
    });
    this.events.publish('voorzieningen.changed', { householdId });
    return (await this.toDtos([row]))[0] as VoorzieningDto;
  }

  /** Remove one recorded by mistake (the audit log keeps that it existed). */
  async remove(user: UserEntity, householdId: string, id: string): Promise<void> {
    await this.access.require(user, householdId, 'write');
    await this.repo.transaction(async (em) => {
      const v = await this.repo.findForUpdate(em, householdId, id);
      if (!v) throw new SpilError('voorziening.not_found');
      await this.repo.remove(em, v);
    });
    this.events.publish('voorzieningen.changed', { householdId });
  }

  /** The plan's doelen and acties, as stored now, that a voorziening may serve. */
  async links(user: UserEntity, householdId: string): Promise<VoorzieningLinksDto> {
    await this.access.require(user, householdId, 'internal');
    const plan = await this.plan.read(householdId);
    return {
      doelen: plan.doelen.map((d) => ({ id: d.id, titel: d.titel })),
      acties: plan.acties.map((a) => ({ id: a.id, titel: a.titel, doelId: a.doelId })),
    };
  }

  /* ---------- budget ---------- */

  async budget(user: UserEntity, householdId: string): Promise<HouseholdBudgetDto> {
    const { household } = await this.access.require(user, householdId, 'internal');
    const [rows, plan, effects] = await Promise.all([
      this.repo.list(householdId),
      this.plan.read(householdId),
      this.effects.get(user, householdId),
    ]);
    const labels = new Map(rows.map((r) => [r.id, voorzieningLabel(r)]));
    return householdBudget({
      householdId,
      today: todayInNl(),
      voorzieningen: rows.map(toFieldsWithId),
      plan,
      householdClosed: household.phase === 'afgesloten',
      vermedenKostenCents: effects.estimate?.totalCents ?? null,
      maxWachtDagen: this.config.BESCHIKKING_MAX_WAIT_DAYS,
      labelOf: (id) => labels.get(id) ?? 'Voorziening',
    });
  }

  /** The inwoner's view: which help runs, who gives it, until when; amounts only when the municipality shows them. */
  async mijnHulp(user: UserEntity, householdId: string): Promise<MijnHulpDto> {
    await this.access.require(user, householdId, 'read');
    const today = todayInNl();
    const show = this.config.MIJN_PLAN_SHOW_AMOUNTS;
    const rows = await this.repo.list(householdId);
    const items = rows.flatMap((r) => {
      const f = toFieldsWithId(r);
      const fase = voorzieningFase(f, today);
      if (fase === 'afgewezen') return [];
      return [
        {
          id: r.id,
          wat:
            r.soort === 'overig' ? voorzieningLabel(r) : VOORZIENING_SOORT_DEFAULTS[r.soort].label,
          omschrijving: r.soort === 'overig' ? '' : r.omschrijving,
          watIsSoort: r.soort !== 'overig',
          wie: r.aanbieder,
          vanaf: r.startOp,
          tot: r.eindOp,
          stand: fase === 'lopend' ? 'loopt' : fase === 'gepland' ? 'komt' : 'gestopt',
          wachtOpBesluit: f.beschikking?.status === 'aangevraagd',
          urenPerWeek: r.urenPerWeek,
          bedragPerMaandCents: show ? r.kostenPerMaandCents : null,
        } as const,
      ];
    });
    return { toontBedragen: show, items };
  }

  /* ---------- helpers ---------- */

  /** The cost from the caller's input, or from the wijkteam's price list when left empty. */
  private async cost(
    wijkteamId: string,
    v: Fields,
    em: EntityManager,
  ): Promise<{ kostenPerMaandCents: number; kostenUitPrijslijst: boolean }> {
    if (v.kostenPerMaandCents !== null)
      return { kostenPerMaandCents: v.kostenPerMaandCents, kostenUitPrijslijst: false };
    const price = (await this.priceList(wijkteamId, em)).find((p) => p.soort === v.soort);
    const monthly = price ? monthlyCostFromPrice(price, v.urenPerWeek) : null;
    if (monthly === null)
      throw new SpilError(
        'validation.invalid',
        'urenPerWeek',
        "Ongeldige invoer bij 'urenPerWeek': vul de uren per week in, of het bedrag per maand",
      );
    return { kostenPerMaandCents: monthly, kostenUitPrijslijst: true };
  }

  /** A link points at a doel or actie that is in the plan now. */
  private async checkLinks(
    householdId: string,
    v: { doelId: string | null; actieId: string | null },
  ): Promise<void> {
    if (!v.doelId && !v.actieId) return;
    const plan = await this.plan.read(householdId);
    if (v.doelId && !plan.doelen.some((d) => d.id === v.doelId))
      throw new SpilError(
        'validation.invalid',
        'doelId',
        "Ongeldige invoer bij 'doelId': dit doel staat niet in het plan",
      );
    if (v.actieId && !plan.acties.some((a) => a.id === v.actieId))
      throw new SpilError(
        'validation.invalid',
        'actieId',
        "Ongeldige invoer bij 'actieId': deze actie staat niet in het plan",
      );
  }

  private async toDtos(rows: VoorzieningEntity[]): Promise<VoorzieningDto[]> {
    const person = await peopleByIds(
      this.repo.manager,
      rows.flatMap((r) => [r.createdBy, r.updatedBy]),
    );
    return rows.map((r) => toDto(r, person));
  }
}

/** The whole record through the shared rules again, so a change names the field that breaks them. */
function validate(v: Fields): Fields {
  const r = CreateVoorzieningRequest.safeParse(v);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw new SpilError(
    'validation.invalid',
    field,
    field ? `Ongeldige invoer bij '${field}': ${issue?.message}` : undefined,
  );
}

function beschikkingOf(v: VoorzieningEntity): Beschikking | null {
  if (!v.beschikkingStatus || !v.aangevraagdOp) return null;
  return {
    status: v.beschikkingStatus,
    kenmerk: v.beschikkingKenmerk,
    aangevraagdOp: v.aangevraagdOp,
    besluitOp: v.besluitOp,
    ingangOp: v.ingangOp,
    beeindigdOp: v.beeindigdOp,
  };
}

function toFields(v: VoorzieningEntity): Fields {
  return {
    soort: v.soort,
    omschrijving: v.omschrijving,
    wet: v.wet,
    vorm: v.vorm,
    aanbieder: v.aanbieder,
    startOp: v.startOp,
    eindOp: v.eindOp,
    urenPerWeek: v.urenPerWeek,
    kostenPerMaandCents: v.kostenPerMaandCents,
    doelId: v.doelId,
    actieId: v.actieId,
    beschikking: beschikkingOf(v),
  };
}
function toFieldsWithId(
  v: VoorzieningEntity,
): Fields & { id: string; kostenPerMaandCents: number } {
  return { ...toFields(v), id: v.id, kostenPerMaandCents: v.kostenPerMaandCents };
}

function columns(v: Fields) {
  const b = v.beschikking;
  return {
    soort: v.soort,
    omschrijving: v.omschrijving,
    wet: v.wet,
    vorm: v.vorm,
    aanbieder: v.aanbieder,
    startOp: v.startOp,
    eindOp: v.eindOp,
    urenPerWeek: v.urenPerWeek,
    doelId: v.doelId,
    actieId: v.actieId,
    beschikkingStatus: b?.status ?? null,
    beschikkingKenmerk: b?.kenmerk ?? null,
    aangevraagdOp: b?.aangevraagdOp ?? null,
    besluitOp: b?.besluitOp ?? null,
    ingangOp: b?.ingangOp ?? null,
    beeindigdOp: b?.beeindigdOp ?? null,
  };
}

function toDto(v: VoorzieningEntity, person: (id: string) => PersonRef): VoorzieningDto {
  return {
    id: v.id,
    householdId: v.householdId,
    ...toFields(v),
    kostenPerMaandCents: v.kostenPerMaandCents,
    kostenUitPrijslijst: v.kostenUitPrijslijst,
    by: person(v.createdBy),
    at: v.createdAt.toISOString(),
    updatedBy: person(v.updatedBy),
    updatedAt: v.updatedAt.toISOString(),
  };
}
