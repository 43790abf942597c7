/**
 * The size of the ZRM spider chart and the form of its domain labels for the
 * width it gets. Recharts puts each label just outside the web, so at 360 px
 * the long ones ("Maatschappelijke participatie") ran off the SVG. Here the
 * radius is chosen so that every label, as measured, stays inside the box:
 * the full label on one line, then wrapped over two lines, then a shorter
 * form (the full names stay in the table under the chart).
 */
import { LEVENSDOMEIN_LABELS, type Levensdomein } from '@spil/shared';

/** Shorter labels for a narrow chart, one string per line. */
export const ZRM_SHORT_LABELS: Record<Levensdomein, readonly string[]> = {
  financien: ['Financiën'],
  'werk-opleiding': ['Werk &', 'opleiding'],
  tijdsbesteding: ['Tijds-', 'besteding'],
  huisvesting: ['Huisvesting'],
  'huiselijke-relaties': ['Huiselijke', 'relaties'],
  'geestelijke-gezondheid': ['Geestelijke', 'gezondheid'],
  'lichamelijke-gezondheid': ['Lichamelijke', 'gezondheid'],
  verslaving: ['Verslaving'],
  adl: ['ADL'],
  'sociaal-netwerk': ['Sociaal', 'netwerk'],
  'maatschappelijke-participatie': ['Maatsch.', 'participatie'],
  justitie: ['Justitie'],
  opvoeding: ['Opvoeding'],
};

/** Recharts draws the tick line this long (its default `tickSize`) before the label starts. */
export const TICK_SIZE = 8;
/** Room kept free between a label and the edge of the SVG, in px. */
const PAD = 4;
/** Line height of a wrapped label, in em. */
export const LABEL_LINE_HEIGHT = 1.2;
const MAX_RADIUS = 140;
/** Recharts: a tick is centred (text-anchor middle) when the cosine of its angle is this small. */
const EPS = 1e-5;
/** Recharts: ticks within 45° of straight up or down hang from or stand on their point. */
const COS_45 = Math.SQRT1_2;

export interface ChartLayout {
  width: number;
  height: number;
  cx: number;
  cy: number;
  radius: number;
  fontSize: number;
  /** Per domain, in data order: the label's lines. */
  lines: string[][];
}

/** Width of a text in px at a font size. */
export type Measure = (text: string, fontSize: number) => number;

/** The full label over two lines, broken at the space (or hyphen) nearest the middle. */
export function wrapInTwo(label: string): string[] {
  const breaks: { at: number; keep: string }[] = [];
  for (let i = 1; i < label.length - 1; i++) {
    // Not before a lone "/" or "&": that stays at the end of the first line.
    if (label[i] === ' ' && !/[/&]/.test(label[i + 1] ?? '')) breaks.push({ at: i, keep: '' });
    else if (label[i] === '-') breaks.push({ at: i + 1, keep: '-' });
  }
  if (breaks.length === 0) return [label];
  const middle = label.length / 2;
  const best = breaks.reduce((a, b) => (Math.abs(b.at - middle) < Math.abs(a.at - middle) ? b : a));
  // A hyphen stays at the end of the first line; a space goes.
  const rest = best.keep ? label.slice(best.at) : label.slice(best.at + 1);
  return [label.slice(0, best.at).trimEnd(), rest.trimStart()];
}

/** Where Recharts puts tick `i` of `n` (start 90°, clockwise), as cosine and sine on screen. */
function direction(i: number, n: number): { cos: number; sin: number } {
  const deg = 90 - (i * 360) / n;
  const rad = (deg * Math.PI) / 180;
  // Screen y grows downwards: a tick at 90° is above the centre.
  return { cos: Math.cos(rad), sin: -Math.sin(rad) };
}

type Vertical = 'above' | 'below' | 'middle';

/** How a label block sits against its point: the same rule as Recharts' vertical anchor. */
export function verticalPlacement(cos: number, sin: number): Vertical {
  if (Math.abs(cos) <= COS_45) return sin < 0 ? 'above' : 'below';
  return 'middle';
}

/** The largest radius at which every label fits the width, or -Infinity when none does. */
function radiusFor(width: number, widths: number[]): number {
  const n = widths.length;
  let r = MAX_RADIUS;
  for (let i = 0; i < n; i++) {
    const { cos } = direction(i, n);
    const w = widths[i] ?? 0;
    if (Math.abs(cos) <= EPS) {
      if (w / 2 > width / 2 - PAD) return -Infinity;
      continue;
    }
    r = Math.min(r, (width / 2 - PAD - w) / Math.abs(cos) - TICK_SIZE);
  }
  return r;
}

/**
 * The layout for a chart `width` px wide with `domains` in data order. The
 * first form of the labels that leaves a web of at least `minRadius` wins;
 * the shortest form is used in any case.
 */
export function zrmChartLayout(
  width: number,
  domains: readonly Levensdomein[],
  measure: Measure,
): ChartLayout {
  // Big enough to read the scores; a wide chart does not need to grow for the full labels to win.
  const minRadius = Math.min(100, Math.max(60, width * 0.2));
  const forms: { fontSize: number; lines: string[][] }[] = [
    { fontSize: 12, lines: domains.map((d) => [LEVENSDOMEIN_LABELS[d].label]) },
    { fontSize: 12, lines: domains.map((d) => wrapInTwo(LEVENSDOMEIN_LABELS[d].label)) },
    { fontSize: 11, lines: domains.map((d) => [...ZRM_SHORT_LABELS[d]]) },
  ];
  let chosen = forms[forms.length - 1] as (typeof forms)[number];
  let radius = -Infinity;
  for (const form of forms) {
    const widths = form.lines.map((ls) => Math.max(...ls.map((l) => measure(l, form.fontSize))));
    const r = radiusFor(width, widths);
    chosen = form;
    radius = r;
    if (r >= minRadius) break;
  }
  radius = Math.max(24, Math.floor(radius));

  // The height follows from the radius: room above and below for the labels there.
  const n = domains.length;
  const lineHeight = chosen.fontSize * LABEL_LINE_HEIGHT;
  let up = radius;
  let down = radius;
  for (let i = 0; i < n; i++) {
    const { cos, sin } = direction(i, n);
    const h = (chosen.lines[i]?.length ?? 1) * lineHeight;
    const y = (radius + TICK_SIZE) * sin;
    const place = verticalPlacement(cos, sin);
    const top = place === 'above' ? y - h : place === 'below' ? y : y - h / 2;
    const bottom = place === 'above' ? y : place === 'below' ? y + h : y + h / 2;
    up = Math.max(up, -top);
    down = Math.max(down, bottom);
  }
  const cy = Math.ceil(up + PAD);
  return {
    width,
    height: Math.ceil(cy + down + PAD),
    cx: width / 2,
    cy,
    radius,
    fontSize: chosen.fontSize,
    lines: chosen.lines,
  };
}
