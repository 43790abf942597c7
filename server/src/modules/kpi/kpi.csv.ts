/**
 * The KPIs as CSV for a spreadsheet in Dutch settings: semicolons between
 * fields, a decimal comma, UTF-8 with a byte order mark so Excel reads the
 * accents right.
 */
import {
  AVOIDED_EVENT_DEFAULTS,
  COLOUR_LABELS,
  ESCALATION_TARGET_LABELS,
  type KpiDto,
  LEVENSDOMEIN_LABELS,
  PHASE_LABELS,
  WET_LABELS,
} from '@spil/shared';

function field(v: string): string {
  // A text starting with = + - @ would be a formula in a spreadsheet; numbers stay numbers.
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d+(,\d+)?$/.test(v) ? `'${v}` : v;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function num(n: number | null, digits = 0): string {
  if (n === null) return '';
  return n.toFixed(digits).replace('.', ',');
}

function euros(cents: number): string {
  return num(cents / 100, 2);
}

export function kpiCsv(k: KpiDto): string {
  const rows: [string, string, string][] = [['Indicator', 'Categorie', 'Waarde']];
  rows.push(['Wijkteam', '', k.wijkteam]);
  rows.push(['Filter wijk', '', k.filters.wijk ?? 'alle wijken']);
  rows.push(['Filter periode', 'van', k.filters.from ?? '']);
  rows.push(['Filter periode', 'tot en met', k.filters.to ?? '']);
  rows.push(['Huishoudens', 'totaal', num(k.households)]);
  for (const p of k.byPhase)
    rows.push(['Huishoudens per fase', PHASE_LABELS[p.phase], num(p.count)]);
  for (const c of k.byColour) {
    rows.push([
      'Huishoudens per kleur',
      c.colour === 'geen' ? 'Nog geen quickscan' : COLOUR_LABELS[c.colour],
      num(c.count),
    ]);
  }
  rows.push([
    'Dagen van aanmelding tot regiehouder',
    'gemiddeld',
    num(k.timeToRegie.averageDays, 1),
  ]);
  rows.push(['Dagen van aanmelding tot regiehouder', 'mediaan', num(k.timeToRegie.medianDays, 1)]);
  rows.push([
    'Dagen van aanmelding tot regiehouder',
    'met regiehouder',
    num(k.timeToRegie.withRegie),
  ]);
  rows.push([
    'Dagen van aanmelding tot regiehouder',
    'nog zonder regiehouder',
    num(k.timeToRegie.withoutRegie),
  ]);
  rows.push([
    'Acties over de deadline',
    'totaal',
    k.overdueActions === null ? 'niet beschikbaar' : num(k.overdueActions),
  ]);
  rows.push(['Escalaties', 'open', num(k.escalations.open)]);
  rows.push(['Escalaties', 'gestart in periode', num(k.escalations.started)]);
  for (const e of k.escalations.byTarget)
    rows.push(['Escalaties per instantie', ESCALATION_TARGET_LABELS[e.target], num(e.count)]);
  for (const z of k.zrmChange) {
    rows.push([
      'Gemiddelde ZRM-verandering',
      LEVENSDOMEIN_LABELS[z.domain].label,
      num(z.averageChange, 2),
    ]);
  }
  rows.push([
    'Vermeden maatschappelijke kosten (euro)',
    'totaal',
    euros(k.costsAvoided.totalCents),
  ]);
  rows.push([
    'Vermeden maatschappelijke kosten (euro)',
    'huishoudens',
    num(k.costsAvoided.households),
  ]);
  for (const e of k.costsAvoided.byEvent) {
    rows.push([
      'Vermeden kosten per gebeurtenis (euro)',
      AVOIDED_EVENT_DEFAULTS[e.event].label,
      euros(e.totalCents),
    ]);
  }
  for (const m of k.costsAvoided.byMonth)
    rows.push(['Vermeden kosten per maand (euro)', m.month, euros(m.totalCents)]);
  const v = k.voorzieningen;
  rows.push(['Kosten voorzieningen in periode (euro)', 'totaal', euros(v.totalCents)]);
  rows.push(['Kosten voorzieningen in periode (euro)', 'huishoudens', num(v.households)]);
  for (const w of v.byWet)
    rows.push(['Kosten voorzieningen per wet (euro)', WET_LABELS[w.wet], euros(w.totalCents)]);
  for (const w of v.byWijk)
    rows.push(['Kosten voorzieningen per wijk (euro)', w.wijk, euros(w.totalCents)]);
  for (const m of v.byMonth)
    rows.push(['Kosten voorzieningen per maand (euro)', m.month, euros(m.totalCents)]);
  rows.push([
    'Substitutie: algemene voorzieningen en eigen kracht (euro)',
    'totaal',
    euros(v.substitutie.lichtCents),
  ]);
  rows.push([
    'Substitutie: maatwerk, zorg in natura en pgb (euro)',
    'totaal',
    euros(v.substitutie.maatwerkCents),
  ]);
  rows.push([
    'Substitutie: aandeel lichte ondersteuning (%)',
    'van de kosten',
    v.substitutie.aandeelLicht === null ? '' : num(v.substitutie.aandeelLicht * 100, 1),
  ]);
  return '\uFEFF' + rows.map((r) => r.map(field).join(';')).join('\r\n') + '\r\n';
}
