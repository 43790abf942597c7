import { describe, expect, it } from 'vitest';
import { colorFor, contrast, readableTextOn, safeColor } from './colors';

describe('colors', () => {
  it('gives one user always the same colour', () => {
    expect(colorFor('3f1c0a6e-0000-4000-8000-000000000001')).toBe(
      colorFor('3f1c0a6e-0000-4000-8000-000000000001'),
    );
  });

  it('keeps white text readable on every palette colour', () => {
    for (let i = 0; i < 200; i++) {
      const c = colorFor(`user-${i}`);
      expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('picks a text colour with at least 4.5:1 on any background', () => {
    for (const bg of [
      '#ffff00',
      '#00ff00',
      '#777777',
      '#0000ff',
      '#ff0000',
      '#767676',
      '#808080',
    ]) {
      expect(contrast(bg, readableTextOn(bg))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('refuses colours that are not #rrggbb', () => {
    expect(safeColor('red; background: url(x)')).toBe('#4a5562');
    expect(safeColor('#a1B2c3')).toBe('#a1B2c3');
  });
});
