import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  AvoidedEvent,
  BeschikkingStatus,
  Colour,
  EscalationTarget,
  Levensdomein,
  Phase,
  Vorm,
  Wet,
} from '@spil/shared';
import type {
  EffectFact,
  EscalationFact,
  HouseholdFact,
  VoorzieningFact,
  ZrmPairFact,
} from './kpi.calc';

/** The raw facts of one wijkteam for the KPIs. Small per team; the arithmetic happens in `kpi.calc`. */
@Injectable()
export class KpiRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async wijkteamName(wijkteamId: string): Promise<string> {
    const rows: { name: string }[] = await this.ds.query(
      `SELECT name FROM wijkteam WHERE id = $1`,
      [wijkteamId],
    );
    return rows[0]?.name ?? '';
  }

  async households(wijkteamId: string): Promise<HouseholdFact[]> {
    const rows: {
      id: string;
      wijk: string;
      phase: Phase;
      created_at: Date;
      colour: Colour | null;
      first_regie_at: Date | null;
    }[] = await this.ds.query(
      `SELECT h.id, h.wijk, h.phase, h.created_at,
                (SELECT c.colour FROM colour_change c WHERE c.household_id = h.id
                  ORDER BY c.changed_at DESC, c.id DESC LIMIT 1) AS colour,
                (SELECT min(r.since) FROM regie_assignment r WHERE r.household_id = h.id) AS first_regie_at
           FROM household h
          WHERE h.wijkteam_id = $1`,
      [wijkteamId],
    );
    return rows.map((r) => ({
      id: r.id,
      wijk: r.wijk,
      phase: r.phase,
      createdAt: new Date(r.created_at),
      colour: r.colour,
      firstRegieAt: r.first_regie_at ? new Date(r.first_regie_at) : null,
    }));
  }

  async escalations(wijkteamId: string): Promise<EscalationFact[]> {
    const rows: {
      household_id: string;
      target: EscalationTarget;
      date: string;
      closed_at: Date | null;
    }[] = await this.ds.query(
      `SELECT e.household_id, e.target, to_char(e.date, 'YYYY-MM-DD') AS date, e.closed_at
         FROM escalation e JOIN household h ON h.id = e.household_id
        WHERE h.wijkteam_id = $1`,
      [wijkteamId],
    );
    return rows.map((r) => ({
      householdId: r.household_id,
      target: r.target,
      date: r.date,
      closedAt: r.closed_at ? new Date(r.closed_at) : null,
    }));
  }

  /** Per member and domain: the current intake and evaluatie score, when both exist. */
  async zrmPairs(wijkteamId: string): Promise<ZrmPairFact[]> {
    const rows: {
      household_id: string;
      member_id: string;
      domain: Levensdomein;
      intake: number;
      evaluatie: number;
      evaluated_at: Date;
    }[] = await this.ds.query(
      `WITH cur AS (
           SELECT DISTINCT ON (s.member_id, s.moment, s.domain)
                  s.household_id, s.member_id, s.moment, s.domain, s.score, s.scored_at
             FROM zrm_score s JOIN household h ON h.id = s.household_id
            WHERE h.wijkteam_id = $1 AND s.moment IN ('intake', 'evaluatie')
            ORDER BY s.member_id, s.moment, s.domain, s.scored_at DESC, s.id DESC)
         SELECT i.household_id, i.member_id, i.domain, i.score AS intake, e.score AS evaluatie, e.scored_at AS evaluated_at
           FROM cur i JOIN cur e ON e.member_id = i.member_id AND e.domain = i.domain AND e.moment = 'evaluatie'
          WHERE i.moment = 'intake'`,
      [wijkteamId],
    );
    return rows.map((r) => ({
      householdId: r.household_id,
      memberId: r.member_id,
      domain: r.domain,
      intake: Number(r.intake),
      evaluatie: Number(r.evaluatie),
      evaluatedAt: new Date(r.evaluated_at),
    }));
  }

  async effects(wijkteamId: string): Promise<EffectFact[]> {
    const rows: {
      household_id: string;
      total_cents: string;
      events: { event: AvoidedEvent; count: number; unitCents: number }[];
      estimated_at: Date;
    }[] = await this.ds.query(
      `SELECT e.household_id, e.total_cents, e.events, e.estimated_at
         FROM effect_estimate e JOIN household h ON h.id = e.household_id
        WHERE h.wijkteam_id = $1`,
      [wijkteamId],
    );
    return rows.map((r) => ({
      householdId: r.household_id,
      totalCents: Number(r.total_cents),
      events: r.events,
      estimatedAt: new Date(r.estimated_at),
    }));
  }

  /** Every voorziening of the wijkteam's households, with what the cost per month needs. */
  async voorzieningen(wijkteamId: string): Promise<VoorzieningFact[]> {
    const rows: {
      household_id: string;
      wet: Wet;
      vorm: Vorm;
      start_op: string;
      eind_op: string | null;
      kosten: number;
      status: BeschikkingStatus | null;
      beeindigd_op: string | null;
    }[] = await this.ds.query(
      `SELECT v.household_id, v.wet, v.vorm,
              to_char(v.start_op, 'YYYY-MM-DD') AS start_op,
              to_char(v.eind_op, 'YYYY-MM-DD') AS eind_op,
              v.kosten_per_maand_cents AS kosten,
              v.beschikking_status AS status,
              to_char(v.beeindigd_op, 'YYYY-MM-DD') AS beeindigd_op
         FROM voorziening v JOIN household h ON h.id = v.household_id
        WHERE h.wijkteam_id = $1`,
      [wijkteamId],
    );
    return rows.map((r) => ({
      householdId: r.household_id,
      wet: r.wet,
      vorm: r.vorm,
      startOp: r.start_op,
      eindOp: r.eind_op,
      kostenPerMaandCents: Number(r.kosten),
      status: r.status,
      beeindigdOp: r.beeindigd_op,
    }));
  }
}
