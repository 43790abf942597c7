/**
 * The AVG export as a readable Dutch document: one self-contained HTML page
 * without scripts, every value escaped.
 */
import {
  ACTIE_STATUS_LABELS,
  DISCIPLINE_LABELS,
  type HouseholdExportDto,
  LEVENSDOMEIN_LABELS,
  type Levensdomein,
  PHASE_LABELS,
  TEAM_ROLE_LABELS,
} from '@spil/shared';
import { dutchMoment } from '../audit/access-log';

export function escapeHtml(v: unknown): string {
  const text =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
        ? String(v)
        : v === null || v === undefined
          ? ''
          : (JSON.stringify(v) ?? '');
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const e = escapeHtml;

function date(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? e(iso) : e(dutchMoment(d));
}

function label<K extends string>(labels: Record<K, string>, key: unknown): string {
  return typeof key === 'string' ? (key in labels ? labels[key as K] : key) : '';
}

function paragraphs(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') return '<p class="leeg">Niets ingevuld.</p>';
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `<p>${e(l)}</p>`)
    .join('');
}

/** Any JSON value as nested lists: for documents and sections without a layout of their own. */
function anyValue(v: unknown, depth = 0): string {
  if (depth > 6) return e(JSON.stringify(v));
  if (v === null || v === undefined || v === '') return '<span class="leeg">leeg</span>';
  if (Array.isArray(v)) {
    if (v.length === 0) return '<span class="leeg">geen</span>';
    return `<ol>${v.map((x) => `<li>${anyValue(x, depth + 1)}</li>`).join('')}</ol>`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '<span class="leeg">leeg</span>';
    return `<dl>${entries.map(([k, x]) => `<dt>${e(k)}</dt><dd>${anyValue(x, depth + 1)}</dd>`).join('')}</dl>`;
  }
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  return e(v);
}

function planDocument(roots: Record<string, unknown>, names: Map<string, string>): string {
  const out: string[] = [];
  out.push('<h3>Situatie</h3>', paragraphs(roots.situatie));
  out.push('<h3>Hulpvraag</h3>', paragraphs(roots.hulpvraag));
  const domeinen = (roots.domeinen ?? {}) as Record<
    string,
    { score?: unknown; zorgen?: unknown; doelen?: unknown }
  >;
  // Every plan has an entry per levensdomein (schema 2); show those with a score or text.
  const scored = Object.entries(domeinen).filter(
    ([, d]) => d && (d.score != null || !!d.zorgen || !!d.doelen),
  );
  out.push('<h3>Levensdomeinen</h3>');
  if (scored.length === 0) out.push('<p class="leeg">Nog geen scores.</p>');
  else {
    out.push(
      '<table><thead><tr><th>Domein</th><th>Score (1–5)</th><th>Zorgen</th><th>Doelen</th></tr></thead><tbody>',
    );
    for (const [k, d] of scored) {
      const l = k in LEVENSDOMEIN_LABELS ? LEVENSDOMEIN_LABELS[k as Levensdomein].label : k;
      out.push(
        `<tr><td>${e(l)}</td><td>${e(d?.score ?? '')}</td><td>${e(d?.zorgen ?? '')}</td><td>${e(d?.doelen ?? '')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  const doelen = Object.values(
    (roots.doelen ?? {}) as Record<string, { titel?: unknown; domein?: unknown }>,
  );
  out.push('<h3>Doelen</h3>');
  out.push(
    doelen.length === 0
      ? '<p class="leeg">Nog geen doelen.</p>'
      : `<ul>${doelen.map((d) => `<li>${e(d.titel)}</li>`).join('')}</ul>`,
  );
  const acties = Object.values(
    (roots.acties ?? {}) as Record<
      string,
      {
        titel?: unknown;
        status?: unknown;
        deadline?: unknown;
        eigenaarId?: unknown;
        inschakelen?: unknown;
        updates?: { tekst?: unknown; auteurNaam?: unknown; tijd?: unknown; status?: unknown }[];
      }
    >,
  );
  out.push('<h3>Acties</h3>');
  if (acties.length === 0) out.push('<p class="leeg">Nog geen acties.</p>');
  for (const a of acties) {
    const owner =
      typeof a.eigenaarId === 'string' ? (names.get(a.eigenaarId) ?? 'onbekend') : 'niemand';
    out.push(
      `<div class="actie"><h4>${e(a.titel)}</h4><p>Status: ${e(label(ACTIE_STATUS_LABELS, a.status))}` +
        ` · Eigenaar: ${e(owner)}${a.deadline ? ` · Deadline: ${e(a.deadline)}` : ''}</p>`,
    );
    if (a.inschakelen) out.push(`<p>Wanneer schakel je de ander in: ${e(a.inschakelen)}</p>`);
    const updates = Array.isArray(a.updates) ? a.updates : [];
    if (updates.length > 0) {
      out.push(
        `<ul>${updates.map((u) => `<li>${date(typeof u.tijd === 'string' ? u.tijd : null)}, ${e(u.auteurNaam)}: ${e(u.tekst)}</li>`).join('')}</ul>`,
      );
    }
    out.push('</div>');
  }
  if (roots.huishouden && Object.keys(roots.huishouden).length > 0) {
    out.push('<h3>Van het huishouden zelf</h3>', anyValue(roots.huishouden));
  }
  return out.join('\n');
}

export function renderExportHtml(x: HouseholdExportDto): string {
  const names = new Map(x.team.map((t) => [t.userId, t.name]));
  const body: string[] = [];
  body.push(`<h1>Inzage in het dossier van ${e(x.household.displayName)}</h1>`);
  body.push(
    `<p>Gemaakt op ${date(x.exportedAt)} door ${e(x.exportedBy.name)}. Dit overzicht bevat alle gegevens die Spil over dit huishouden bewaart en die de maker mag inzien.</p>`,
  );
  body.push('<h2>Huishouden</h2><dl>');
  body.push(`<dt>Referentie</dt><dd>${e(x.household.reference)}</dd>`);
  body.push(`<dt>Wijk</dt><dd>${e(x.household.wijk)}</dd>`);
  body.push(`<dt>Fase</dt><dd>${e(label(PHASE_LABELS, x.household.phase))}</dd>`);
  body.push(`<dt>Aangemeld op</dt><dd>${date(x.household.createdAt)}</dd></dl>`);

  body.push('<h2>Gezinsleden</h2>');
  body.push(
    x.members.length === 0
      ? '<p class="leeg">Geen gezinsleden vastgelegd.</p>'
      : `<ul>${x.members.map((m) => `<li>${e(m.firstName)} (${e(m.relation)}, geboren in ${e(m.birthYear)})</li>`).join('')}</ul>`,
  );

  body.push(
    '<h2>Casusteam</h2><table><thead><tr><th>Naam</th><th>Functie</th><th>Organisatie</th><th>Rol</th><th>Sinds</th><th>Tot</th></tr></thead><tbody>',
  );
  for (const t of x.team) {
    body.push(
      `<tr><td>${e(t.name)}</td><td>${e(label(DISCIPLINE_LABELS, t.discipline))}</td><td>${e(t.organisation)}</td>` +
        `<td>${e(label(TEAM_ROLE_LABELS, t.role))}</td><td>${date(t.since)}</td><td>${t.endedAt ? date(t.endedAt) : 'nu'}</td></tr>`,
    );
  }
  body.push('</tbody></table>');

  body.push('<h2>Regie</h2>');
  body.push(
    x.regie.length === 0
      ? '<p class="leeg">Er is (nog) niemand met de regie.</p>'
      : `<ul>${x.regie.map((r) => `<li>${e(r.name)}, van ${date(r.since)}${r.endedAt ? ` tot ${date(r.endedAt)}` : ' tot nu'}: ${e(r.reason)}</li>`).join('')}</ul>`,
  );

  for (const d of x.documents) {
    const title =
      d.kind === 'plan'
        ? 'Plan van aanpak'
        : d.kind === 'medisch'
          ? 'Medische aantekeningen'
          : d.kind === 'werk'
            ? 'Werkaantekeningen'
            : 'Aantekeningen van een overleg';
    body.push(`<h2>${title}</h2>`);
    body.push(d.kind === 'plan' ? planDocument(d.roots, names) : anyValue(d.roots));
  }

  const sections = Object.entries(x.sections);
  if (sections.length > 0) {
    body.push('<h2>Overige gegevens</h2>');
    for (const [name, value] of sections)
      body.push(`<h3>${e(name.charAt(0).toUpperCase() + name.slice(1))}</h3>`, anyValue(value));
  }

  body.push('<h2>Wie heeft dit dossier ingezien</h2>');
  body.push(
    x.accessLog.length === 0
      ? '<p class="leeg">Nog niemand anders.</p>'
      : `<ul>${x.accessLog.map((a) => `<li>${e(a.sentence)}</li>`).join('')}</ul>`,
  );
  if (x.notes.length > 0)
    body.push(
      '<h2>Toelichting</h2>',
      `<ul>${x.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`,
    );

  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Inzage ${e(x.household.reference)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
dt{font-weight:600}dd{margin:0 0 .5rem 1rem}.leeg{color:#666;font-style:italic}.actie{border-left:3px solid #2d6a4f;padding-left:.75rem;margin:.75rem 0}
@media print{body{margin:0}}
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}
