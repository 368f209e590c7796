import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CUSTOM_KPI_ID, FIGURES, findFigure, findKpi, KPI_CATALOGUE, valueBounds } from './kpi-catalogue.js';
import { PLAN_PRESETS } from './plan-presets.js';

const SEEDS = fileURLToPath(new URL('../../../../../shared/seeds/', import.meta.url));
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('KPI catalogue', () => {
  it('has unique, well-formed ids that never look like custom ones', () => {
    const ids = KPI_CATALOGUE.map((kpi) => kpi.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z_]+\.[a-z0-9_]+$/);
      expect(CUSTOM_KPI_ID.test(id)).toBe(false);
    }
  });

  it('names the figures every ratio and recorded KPI needs', () => {
    for (const kpi of KPI_CATALOGUE) {
      if (kpi.method === 'computed') expect(kpi.figureKeys, kpi.id).toEqual([]);
      if (kpi.method === 'recorded') expect(kpi.figureKeys, kpi.id).toEqual([kpi.id]);
      if (kpi.method === 'external_ratio') {
        expect(kpi.figureKeys.length, kpi.id).toBeGreaterThan(0);
        for (const key of kpi.figureKeys) expect(findFigure(key), `${kpi.id} → ${key}`).toBeDefined();
      }
    }
    expect(new Set(FIGURES.map((f) => f.key)).size).toBe(FIGURES.length);
  });
});

describe('plan presets', () => {
  it('covers the five plans, Lạng Sơn first', () => {
    expect(PLAN_PRESETS.map((p) => [p.code, p.provinceCode, p.periodStartYear, p.periodEndYear])).toEqual([
      ['LS', '20', 2026, 2030],
      ['BN', '24', 2026, 2030],
      ['KH', '56', 2026, 2030],
      ['DN', '75', 2026, 2030],
      ['BG', '24', 2021, 2025],
    ]);
  });

  it('uses catalogue KPIs with comparisons that point the way the KPI improves', () => {
    for (const plan of PLAN_PRESETS) {
      const keys = plan.targets.map((t) => t.key);
      expect(new Set(keys).size, plan.code).toBe(keys.length);
      for (const target of plan.targets) {
        const kpi = findKpi(target.kpiId);
        expect(kpi, `${target.key} → ${target.kpiId}`).toBeDefined();
        if (!kpi) continue;
        const wantsMore = target.comparison.startsWith('>');
        expect(wantsMore, target.key).toBe(kpi.direction === 'higher_is_better');
        const bounds = valueBounds(kpi.unit, kpi.unbounded);
        if (bounds.min !== null) expect(target.value).toBeGreaterThanOrEqual(bounds.min);
        if (bounds.max !== null) expect(target.value).toBeLessThanOrEqual(bounds.max);
        if (target.stretchValue !== undefined) {
          expect(wantsMore ? target.stretchValue > target.value : target.stretchValue < target.value, target.key).toBe(
            true,
          );
        }
        if (target.year !== null) {
          expect(target.year).toBeGreaterThanOrEqual(plan.periodStartYear);
          expect(target.year).toBeLessThanOrEqual(plan.periodEndYear);
        }
      }
    }
  });

  it('has every quantified target of §1 of plans-and-kpis.md', () => {
    const keys = (code: string) => PLAN_PRESETS.find((p) => p.code === code)?.targets.map((t) => t.key.split('/')[0]);
    expect(new Set(keys('LS'))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => `LS-${i + 1}`)));
    expect(new Set(keys('BN'))).toEqual(new Set(Array.from({ length: 17 }, (_, i) => `BN-${i + 1}`)));
    expect(new Set(keys('KH'))).toEqual(
      new Set(['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n'].map((l) => `KH-${l}`)),
    );
    expect(new Set(keys('DN'))).toEqual(new Set(Array.from({ length: 8 }, (_, i) => `DN-${i + 1}`)));
    // BG-4 (index components) has no number; the rest are quantified.
    expect(new Set(keys('BG'))).toEqual(
      new Set([1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((n) => `BG-${n}`)),
    );
  });

  describe.skipIf(!existsSync(SEEDS))('against the plans as issued', () => {
    for (const plan of PLAN_PRESETS) {
      it(`quotes ${plan.code} word for word, from the line it names`, () => {
        const lines = readFileSync(`${SEEDS}${plan.seedFile}`, 'utf8').split('\n');
        const whole = collapse(lines.join(' '));
        for (const target of plan.targets) {
          const fragments = target.citation.split('…').map(collapse).filter(Boolean);
          for (const fragment of fragments) expect(whole, `${target.key}: "${fragment}"`).toContain(fragment);
          // The quote starts on the line it names (BG wraps a sentence over several short lines).
          const opening = collapse(lines.slice(target.line - 1, target.line + 2).join(' '));
          expect(opening, `${target.key} does not start on line ${target.line}`).toContain(
            (fragments[0] ?? '').slice(0, 15),
          );
        }
      });
    }
  });
});
