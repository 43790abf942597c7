import { LEVENSDOMEINEN, type Levensdomein } from '@spil/shared';
import { describe, expect, it } from 'vitest';
import {
  type ChartLayout,
  LABEL_LINE_HEIGHT,
  TICK_SIZE,
  verticalPlacement,
  wrapInTwo,
  zrmChartLayout,
} from './zrm-chart-layout';

/** A wide font, like DejaVu Sans: about 0.55 em per character. */
const measure = (text: string, size: number) => text.length * size * 0.55;

/** Each label's box as Recharts and AngleTick draw it (same angles, anchors and line placement). */
function boxes(layout: ChartLayout) {
  const n = layout.lines.length;
  return layout.lines.map((lines, i) => {
    const rad = ((90 - (i * 360) / n) * Math.PI) / 180;
    const cos = Math.cos(rad);
    const sin = -Math.sin(rad);
    const x = layout.cx + (layout.radius + TICK_SIZE) * cos;
    const y = layout.cy + (layout.radius + TICK_SIZE) * sin;
    const w = Math.max(...lines.map((l) => measure(l, layout.fontSize)));
    const h = lines.length * layout.fontSize * LABEL_LINE_HEIGHT;
    const left = cos > 1e-5 ? x : cos < -1e-5 ? x - w : x - w / 2;
    const place = verticalPlacement(cos, sin);
    const top = place === 'above' ? y - h : place === 'below' ? y : y - h / 2;
    return { label: lines.join(' '), left, right: left + w, top, bottom: top + h };
  });
}

function outside(layout: ChartLayout): string[] {
  return boxes(layout)
    .filter((b) => b.left < 0 || b.right > layout.width || b.top < 0 || b.bottom > layout.height)
    .map((b) => `${b.label} ${b.left.toFixed(0)}..${b.right.toFixed(0)}`);
}

describe('zrmChartLayout', () => {
  it('keeps the full labels on one line when the chart is wide', () => {
    const layout = zrmChartLayout(640, LEVENSDOMEINEN, measure);
    expect(layout.lines[10]).toEqual(['Maatschappelijke participatie']);
    expect(layout.radius).toBeGreaterThanOrEqual(100);
    expect(outside(layout)).toEqual([]);
  });

  it('on a 360 px phone shortens the labels and keeps every one inside the box', () => {
    const layout = zrmChartLayout(312, LEVENSDOMEINEN, measure);
    expect(layout.lines[10]).toEqual(['Maatsch.', 'participatie']);
    expect(layout.radius).toBeGreaterThanOrEqual(60);
    expect(layout.width).toBe(312);
    expect(outside(layout)).toEqual([]);
  });

  it('fits any number of domains from three up, at any width from 240 px', () => {
    for (const width of [240, 280, 320, 400, 480, 560, 640]) {
      for (let n = 3; n <= LEVENSDOMEINEN.length; n++) {
        const domains: Levensdomein[] = LEVENSDOMEINEN.slice(LEVENSDOMEINEN.length - n);
        const layout = zrmChartLayout(width, domains, measure);
        expect(outside(layout), `${n} domains at ${width} px`).toEqual([]);
        expect(layout.radius).toBeGreaterThan(0);
      }
    }
  });
});

describe('wrapInTwo', () => {
  it('breaks at the space or hyphen nearest the middle', () => {
    expect(wrapInTwo('Maatschappelijke participatie')).toEqual([
      'Maatschappelijke',
      'participatie',
    ]);
    expect(wrapInTwo('Opvoeding / kinderen')).toEqual(['Opvoeding /', 'kinderen']);
    expect(wrapInTwo('ADL-vaardigheden')).toEqual(['ADL-', 'vaardigheden']);
    expect(wrapInTwo('Werk & opleiding')).toEqual(['Werk &', 'opleiding']);
    expect(wrapInTwo('Financiën')).toEqual(['Financiën']);
  });
});
