import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { PlanPresetsSeeder } from './plan-presets.seeder.js';

interface Target {
  id: string;
  kpiId: string;
  targetValue: number;
  stretchValue: number | null;
  comparison: string;
  targetYear: number | null;
  effectiveYear: number;
  basis: string;
  citation: string | null;
  reference: string | null;
  note: string | null;
  presetKey: string | null;
  kpi: { unit: string; method: string; figureKeys: string[] };
}

describe('plans and their targets', () => {
  let api: TestApp;
  let officer: string;
  let lsPlanId: string;

  const targetOf = async (kpiId: string): Promise<Target> => {
    const plan = await api.request('GET', `/api/plans/${lsPlanId}`, { token: officer });
    const target = (plan.body.targets as Target[]).find((t) => t.kpiId === kpiId);
    if (!target) throw new Error(`Lạng Sơn has no target for ${kpiId}`);
    return target;
  };

  beforeAll(async () => {
    api = await startTestApp();
    officer = await api.tokenFor('province_officer');
    const active = await api.request('GET', '/api/plans/active', { token: officer });
    lsPlanId = active.body.id;
  });
  afterAll(() => api.close());

  it('ships the five plans, with Lạng Sơn 2026–2030 active for the home province', async () => {
    const response = await api.request('GET', '/api/plans', { token: officer });
    expect(response.status).toBe(200);
    expect(response.body.map((p: { presetKey: string }) => p.presetKey)).toEqual([
      'LS-2026-2030',
      'BN-2026-2030',
      'KH-2026-2030',
      'DN-2026-2030',
      'BG-2021-2025',
    ]);
    expect(response.body[0]).toMatchObject({
      provinceCode: '20',
      provinceName: 'Lạng Sơn',
      name: 'Kế hoạch phát triển thương mại điện tử tỉnh Lạng Sơn giai đoạn 2026-2030',
      periodStartYear: 2026,
      periodEndYear: 2030,
      isPreset: true,
      active: true,
      editable: true,
      targetCount: 16,
    });
    expect(response.body.filter((p: { active: boolean }) => p.active)).toHaveLength(1);
    // Bắc Giang's 2021–2025 plan belongs to Bắc Ninh since the 2025 merger.
    expect(response.body[4]).toMatchObject({
      provinceCode: '24',
      provinceName: 'Bắc Ninh',
      periodEndYear: 2025,
      editable: false,
    });
    expect(response.body.map((p: { targetCount: number }) => p.targetCount)).toEqual([16, 18, 14, 9, 14]);

    const bacNinh = await api.request('GET', '/api/plans?provinceCode=24', { token: officer });
    expect(bacNinh.body.map((p: { presetKey: string }) => p.presetKey)).toEqual(['BN-2026-2030', 'BG-2021-2025']);
  });

  it('cites the plan for every target, e.g. Lạng Sơn’s non-cash payment and e-invoice targets', async () => {
    const plan = await api.request('GET', `/api/plans/${lsPlanId}`, { token: officer });
    expect(plan.status).toBe(200);
    const targets = plan.body.targets as Target[];
    expect(targets.map((t) => t.presetKey)).toEqual([
      'LS-1',
      'LS-2',
      'LS-3',
      'LS-4',
      'LS-5',
      'LS-6/count',
      'LS-6/value',
      'LS-7',
      'LS-8',
      'LS-9',
      'LS-10',
      'LS-11',
      'LS-12',
      'LS-13',
      'LS-14',
      'LS-15',
    ]);
    for (const target of targets) {
      expect(target.citation, target.presetKey ?? '').toMatch(/\S{3}/);
      expect(target.reference).toMatch(/^\[LS L\d+\]$/);
    }

    const nonCash = targets.filter((t) => t.kpiId.startsWith('payments.non_cash_share_by_'));
    expect(nonCash).toHaveLength(2);
    for (const target of nonCash) {
      expect(target).toMatchObject({
        comparison: '>=',
        targetValue: 80,
        targetYear: 2030,
        basis: 'at_year',
        citation: 'Thanh toán không dùng tiền mặt trong TMĐT đạt 80%.',
        reference: '[LS L25]',
      });
      expect(target.note).toContain('không nói rõ');
    }
    expect(targets.find((t) => t.kpiId === 'invoices.share_of_orders')).toMatchObject({
      comparison: '>=',
      targetValue: 100,
      citation: '100% các giao dịch trên nền tảng TMĐT có hóa đơn điện tử.',
      reference: '[LS L24]',
      kpi: { unit: 'percent', method: 'computed', figureKeys: [] },
    });
    expect(targets.find((t) => t.kpiId === 'sellers.active_share_cooperatives')).toMatchObject({
      comparison: '>=',
      targetValue: 20,
      citation: 'tỷ lệ hợp tác xã trên địa bàn tỉnh hoạt động kinh doanh trên nền tảng TMĐT đạt từ 20% trở lên.',
      kpi: { method: 'external_ratio', figureKeys: ['cooperatives_registered'] },
    });
    expect(targets.find((t) => t.kpiId === 'training.participations')).toMatchObject({
      comparison: '>',
      targetValue: 3000,
      basis: 'cumulative',
      kpi: { unit: 'participations' },
    });
    expect(targets.find((t) => t.kpiId === 'products.plastic_packaging_share')).toMatchObject({
      comparison: '<=',
      targetValue: 45,
    });
  });

  it('keeps ranges, years left open and per-year targets as the plans write them', async () => {
    const list = await api.request('GET', '/api/plans', { token: officer });
    const id = (key: string) => list.body.find((p: { presetKey: string }) => p.presetKey === key).id;
    const bn = (await api.request('GET', `/api/plans/${id('BN-2026-2030')}`, { token: officer })).body
      .targets as Target[];
    expect(bn.find((t) => t.presetKey === 'BN-9')).toMatchObject({
      kpiId: 'logistics.last_mile_cost_share',
      comparison: '<=',
      targetValue: 12,
      stretchValue: 8,
    });
    expect(bn.find((t) => t.presetKey === 'BN-2')).toMatchObject({
      targetValue: 20,
      stretchValue: 30,
      basis: 'each_year',
      targetYear: null,
    });

    const dn = (await api.request('GET', `/api/plans/${id('DN-2026-2030')}`, { token: officer })).body
      .targets as Target[];
    expect(dn.find((t) => t.presetKey === 'DN-2')).toMatchObject({
      targetYear: null,
      effectiveYear: 2030,
      comparison: '>',
      targetValue: 70,
    });

    const bg = (await api.request('GET', `/api/plans/${id('BG-2021-2025')}`, { token: officer })).body
      .targets as Target[];
    expect(bg.find((t) => t.presetKey === 'BG-7')).toMatchObject({
      kpiId: 'training.participations_officials',
      targetValue: 1500,
      citation: '1.500 lượt cán bộ quản lý nhà nước',
    });
    expect(bg.find((t) => t.presetKey === 'BG-13')).toMatchObject({
      kpiId: 'sellers.onboarded',
      targetValue: 50,
      basis: 'each_year',
    });
  });

  it('lets an officer edit a target, and keeps what it was', async () => {
    const before = await targetOf('payments.non_cash_share_by_count');
    const edited = await api.request('PATCH', `/api/plans/${lsPlanId}/targets/${before.id}`, {
      token: officer,
      body: { targetValue: 85, targetYear: 2029, note: 'Sở Công Thương nâng mục tiêu theo kết quả năm 2026.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      targetValue: 85,
      targetYear: 2029,
      effectiveYear: 2029,
      note: 'Sở Công Thương nâng mục tiêu theo kết quả năm 2026.',
      citation: 'Thanh toán không dùng tiền mặt trong TMĐT đạt 80%.',
    });
    expect((await targetOf('payments.non_cash_share_by_count')).targetValue).toBe(85);

    const backToPeriodEnd = await api.request('PATCH', `/api/plans/${lsPlanId}/targets/${before.id}`, {
      token: officer,
      body: { targetYear: null },
    });
    expect(backToPeriodEnd.body).toMatchObject({ targetYear: null, effectiveYear: 2030 });

    const history = await api.request('GET', `/api/plans/${lsPlanId}/targets/${before.id}/history`, { token: officer });
    expect(history.body).toHaveLength(2);
    expect(history.body[0]).toMatchObject({
      action: 'updated',
      before: { targetValue: 80, targetYear: 2030 },
      after: { targetValue: 85, targetYear: 2029 },
      actorName: expect.stringContaining('Hoàng Văn Minh'),
    });

    // Restarting the platform re-applies the presets without undoing the edit.
    expect(await api.app.get(PlanPresetsSeeder).apply()).toEqual({ plans: 0, targets: 0 });
    expect((await targetOf('payments.non_cash_share_by_count')).targetValue).toBe(85);
  });

  it('refuses targets that contradict the KPI', async () => {
    const target = await targetOf('invoices.share_of_orders');
    const tooMuch = await api.request('PATCH', `/api/plans/${lsPlanId}/targets/${target.id}`, {
      token: officer,
      body: { targetValue: 120 },
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.fields).toEqual([
      { field: 'targetValue', messages: ['targetValue must be at most 100 percent'] },
    ]);

    const backwards = await api.request('PATCH', `/api/plans/${lsPlanId}/targets/${target.id}`, {
      token: officer,
      body: { comparison: '<=' },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields[0].field).toBe('comparison');

    const outsidePeriod = await api.request('PATCH', `/api/plans/${lsPlanId}/targets/${target.id}`, {
      token: officer,
      body: { targetYear: 2035 },
    });
    expect(outsidePeriod.status).toBe(400);
    expect(outsidePeriod.body.fields[0].field).toBe('targetYear');

    const unknownField = await api.request('PATCH', `/api/plans/${lsPlanId}/targets/${target.id}`, {
      token: officer,
      body: { citation: 'x' },
    });
    expect(unknownField.status).toBe(400);
    expect((await targetOf('invoices.share_of_orders')).targetValue).toBe(100);
  });

  it('refuses edits from sellers, buyers and anonymous callers, and edits of other provinces’ plans', async () => {
    const target = await targetOf('invoices.share_of_orders');
    const path = `/api/plans/${lsPlanId}/targets/${target.id}`;
    for (const role of ['seller_member', 'buyer'] as const) {
      const token = await api.tokenFor(role);
      expect((await api.request('PATCH', path, { token, body: { targetValue: 50 } })).status).toBe(403);
      expect(
        (
          await api.request('POST', `/api/plans/${lsPlanId}/targets`, {
            token,
            body: { kpiId: 'training.events', comparison: '>=', targetValue: 1 },
          })
        ).status,
      ).toBe(403);
      expect((await api.request('GET', '/api/plans', { token })).status).toBe(403);
    }
    expect((await api.request('PATCH', path, { body: { targetValue: 50 } })).status).toBe(401);
    const admin = await api.tokenFor('platform_admin');
    expect((await api.request('GET', `/api/plans/${lsPlanId}`, { token: admin })).status).toBe(200);
    expect((await api.request('PATCH', path, { token: admin, body: { targetValue: 50 } })).status).toBe(403);
    expect((await targetOf('invoices.share_of_orders')).targetValue).toBe(100);

    const khanhHoa = (await api.request('GET', '/api/plans?provinceCode=56', { token: officer })).body[0];
    const khTarget = (await api.request('GET', `/api/plans/${khanhHoa.id}`, { token: officer })).body.targets[0];
    const foreign = await api.request('PATCH', `/api/plans/${khanhHoa.id}/targets/${khTarget.id}`, {
      token: officer,
      body: { targetValue: 5 },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('plan_outside_home_province');
    expect((await api.request('POST', `/api/plans/${khanhHoa.id}/activate`, { token: officer })).status).toBe(403);
  });

  it('adds targets for catalogue KPIs and for the officers’ own KPIs, and archives them', async () => {
    const kpis = await api.request('GET', '/api/kpis', { token: officer });
    expect(kpis.body.find((k: { id: string }) => k.id === 'complaints.resolved_within_days')).toMatchObject({
      unit: 'percent',
      direction: 'higher_is_better',
      method: 'computed',
      defaultParams: { withinDays: 15 },
    });

    const complaints = await api.request('POST', `/api/plans/${lsPlanId}/targets`, {
      token: officer,
      body: {
        kpiId: 'complaints.resolved_within_days',
        comparison: '>=',
        targetValue: 90,
        targetYear: 2027,
        params: { withinDays: 10 },
        note: 'Mục tiêu nội bộ của Sở.',
      },
    });
    expect(complaints.status).toBe(201);
    expect(complaints.body).toMatchObject({
      kpiId: 'complaints.resolved_within_days',
      params: { withinDays: 10 },
      isPreset: false,
      citation: null,
    });

    const wrongParam = await api.request('POST', `/api/plans/${lsPlanId}/targets`, {
      token: officer,
      body: { kpiId: 'training.events', comparison: '>=', targetValue: 4, params: { withinDays: 10 } },
    });
    expect(wrongParam.status).toBe(400);
    const unknown = await api.request('POST', `/api/plans/${lsPlanId}/targets`, {
      token: officer,
      body: { kpiId: 'sellers.nonexistent', comparison: '>=', targetValue: 4 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].field).toBe('kpiId');

    const custom = {
      id: 'custom.livestream_sessions',
      nameVi: 'Số phiên livestream bán sản phẩm OCOP',
      nameEn: 'OCOP livestream selling sessions',
      unit: 'count',
      direction: 'higher_is_better',
    };
    const added = await api.request('POST', `/api/plans/${lsPlanId}/targets`, {
      token: officer,
      body: { customKpi: custom, comparison: '>=', targetValue: 120, basis: 'each_year' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      kpiId: 'custom.livestream_sessions',
      kpi: {
        isCustom: true,
        method: 'recorded',
        figureKeys: ['custom.livestream_sessions'],
        nameVi: 'Số phiên livestream bán sản phẩm OCOP',
      },
    });
    const again = await api.request('POST', `/api/plans/${lsPlanId}/targets`, {
      token: officer,
      body: { customKpi: custom, comparison: '>=', targetValue: 10 },
    });
    expect(again.status).toBe(409);
    const secondYear = await api.request('POST', `/api/plans/${lsPlanId}/targets`, {
      token: officer,
      body: { kpiId: 'custom.livestream_sessions', comparison: '>=', targetValue: 60, targetYear: 2027 },
    });
    expect(secondYear.status).toBe(201);

    const plan = await api.request('GET', `/api/plans/${lsPlanId}`, { token: officer });
    expect(plan.body.targetCount).toBe(19);
    expect(plan.body.customKpis.map((k: { id: string }) => k.id)).toEqual(['custom.livestream_sessions']);
    expect(plan.body.targets.slice(-3).map((t: Target) => t.kpiId)).toEqual([
      'complaints.resolved_within_days',
      'custom.livestream_sessions',
      'custom.livestream_sessions',
    ]);

    const archived = await api.request('DELETE', `/api/plans/${lsPlanId}/targets/${secondYear.body.id}`, {
      token: officer,
    });
    expect(archived.status).toBe(204);
    expect((await api.request('GET', `/api/plans/${lsPlanId}`, { token: officer })).body.targetCount).toBe(18);
    expect(
      (await api.request('DELETE', `/api/plans/${lsPlanId}/targets/${secondYear.body.id}`, { token: officer })).status,
    ).toBe(404);
  });
});

describe('external figures', () => {
  let api: TestApp;
  let officer: string;
  let planId: string;
  const figure = (value: number) => ({
    value,
    source: 'Liên minh Hợp tác xã tỉnh Lạng Sơn, Báo cáo tình hình kinh tế tập thể năm 2025',
    sourceDate: '2026-01-15',
  });

  beforeAll(async () => {
    api = await startTestApp();
    officer = await api.tokenFor('province_officer');
    planId = (await api.request('GET', '/api/plans/active', { token: officer })).body.id;
  });
  afterAll(() => api.close());

  it('lists the figures Lạng Sơn’s targets need, and who needs them', async () => {
    const response = await api.request('GET', `/api/plans/${planId}/missing-figures?year=2026`, { token: officer });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ planId, provinceCode: '20', year: 2026, complete: false });
    const missing = new Map(response.body.missing.map((m: { key: string }) => [m.key, m]));
    expect([...missing.keys()].sort()).toEqual([
      'adult_population',
      'compliance.violating_websites_share',
      'cooperatives_registered',
      'education.institutions_teaching_ecommerce_share',
      'enterprises_registered',
      'logistics.digital_border_gate_share',
      'smes_registered',
    ]);
    expect(missing.get('cooperatives_registered')).toMatchObject({
      kind: 'denominator',
      unit: 'count',
      nameVi: 'Số hợp tác xã đang hoạt động trên địa bàn tỉnh',
      neededBy: ['sellers.active_share_cooperatives'],
    });
    expect(missing.get('enterprises_registered')).toMatchObject({
      neededBy: [
        'sellers.active_share_enterprises',
        'sellers.green_packaging_standard_share',
        'sellers.sustainable_criteria_share',
      ],
    });
    expect(missing.get('compliance.violating_websites_share')).toMatchObject({
      kind: 'recorded_value',
      unit: 'percent',
    });
    expect(response.body.byKpi).toContainEqual({
      kpiId: 'sellers.active_share_cooperatives',
      kpiNameVi: 'Tỷ lệ hợp tác xã kinh doanh trên nền tảng thương mại điện tử',
      missing: ['cooperatives_registered'],
    });

    expect((await api.request('GET', `/api/plans/${planId}/missing-figures`, { token: officer })).status).toBe(400);
    expect(
      (await api.request('GET', `/api/plans/${planId}/missing-figures?year=soon`, { token: officer })).status,
    ).toBe(400);
  });

  it('upserts a figure with its source, keeps the replaced version, and stops listing it as missing', async () => {
    const created = await api.request('PUT', '/api/external-figures/2025/cooperatives_registered', {
      token: officer,
      body: figure(412),
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      provinceCode: '20',
      year: 2025,
      key: 'cooperatives_registered',
      kind: 'denominator',
      value: 412,
      unit: 'count',
      sourceDate: '2026-01-15',
      revisions: 0,
      updatedByName: expect.stringContaining('Hoàng Văn Minh'),
    });

    const same = await api.request('PUT', '/api/external-figures/2025/cooperatives_registered', {
      token: officer,
      body: figure(412),
    });
    expect(same.body.revisions).toBe(0);
    const corrected = await api.request('PUT', '/api/external-figures/2025/cooperatives_registered', {
      token: officer,
      body: { ...figure(418), note: 'Bổ sung 6 HTX thành lập tháng 12.' },
    });
    expect(corrected.body).toMatchObject({ value: 418, revisions: 1, note: 'Bổ sung 6 HTX thành lập tháng 12.' });
    const history = await api.request('GET', '/api/external-figures/2025/cooperatives_registered/history', {
      token: officer,
    });
    expect(history.body).toEqual([expect.objectContaining({ value: 412, sourceDate: '2026-01-15', note: null })]);

    await api.request('PUT', '/api/external-figures/2025/compliance.violating_websites_share', {
      token: officer,
      body: { value: 7.5, source: 'Chi cục Quản lý thị trường, báo cáo kiểm tra năm 2025', sourceDate: '2026-02-01' },
    });
    const list = await api.request('GET', '/api/external-figures?year=2025', { token: officer });
    expect(list.body.map((f: { key: string; value: number }) => [f.key, f.value])).toEqual([
      ['compliance.violating_websites_share', 7.5],
      ['cooperatives_registered', 418],
    ]);
    expect((await api.request('GET', '/api/external-figures?year=2026', { token: officer })).body).toEqual([]);

    const missing = await api.request('GET', `/api/plans/${planId}/missing-figures?year=2025`, { token: officer });
    const keys = missing.body.missing.map((m: { key: string }) => m.key);
    expect(keys).not.toContain('cooperatives_registered');
    expect(keys).not.toContain('compliance.violating_websites_share');
    expect(missing.body.byKpi.map((k: { kpiId: string }) => k.kpiId)).not.toContain(
      'sellers.active_share_cooperatives',
    );
    // Entered for 2025 only: 2026 still lacks it.
    const nextYear = await api.request('GET', `/api/plans/${planId}/missing-figures?year=2026`, { token: officer });
    expect(nextYear.body.missing.map((m: { key: string }) => m.key)).toContain('cooperatives_registered');
  });

  it('refuses figures that cannot be right, and officers only', async () => {
    const put = (key: string, body: unknown, year = 2025) =>
      api.request('PUT', `/api/external-figures/${year}/${key}`, { token: officer, body });
    const negative = await put('smes_registered', figure(-3));
    expect(negative.status).toBe(400);
    expect(negative.body.fields[0].field).toBe('value');
    expect((await put('adult_population', figure(1234.5))).status).toBe(400);
    expect((await put('education.institutions_teaching_ecommerce_share', figure(140))).status).toBe(400);
    const unknown = await put('tourists', figure(10));
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('unknown_figure_key');
    // Computed KPIs come from the platform's data, never from a typed figure.
    expect((await put('payments.non_cash_share_by_count', figure(50))).body.code).toBe('unknown_figure_key');
    expect((await put('smes_registered', { ...figure(10), sourceDate: '2999-01-01' })).status).toBe(400);
    expect((await put('smes_registered', { ...figure(10), sourceDate: '2026-02-30' })).status).toBe(400);
    expect((await put('smes_registered', { value: 10, sourceDate: '2026-01-01' })).status).toBe(400);
    expect((await put('smes_registered', figure(10), 1999)).status).toBe(400);
    expect(
      (await api.request('PUT', '/api/external-figures/next/smes_registered', { token: officer, body: figure(10) }))
        .status,
    ).toBe(400);

    const seller = await api.tokenFor('seller_member');
    expect(
      (await api.request('PUT', '/api/external-figures/2025/smes_registered', { token: seller, body: figure(10) }))
        .status,
    ).toBe(403);
    expect((await api.request('GET', '/api/external-figures', { token: seller })).status).toBe(403);
    expect(
      (await api.request('GET', '/api/external-figures?year=2025', { token: officer })).body.map(
        (f: { key: string }) => f.key,
      ),
    ).not.toContain('smes_registered');
  });

  it('records the values of the officers’ own KPIs as figures too', async () => {
    const added = await api.request('POST', `/api/plans/${planId}/targets`, {
      token: officer,
      body: {
        customKpi: {
          id: 'custom.rural_ecommerce_points',
          nameVi: 'Số điểm thương mại điện tử nông thôn',
          unit: 'count',
          direction: 'higher_is_better',
        },
        comparison: '>=',
        targetValue: 50,
      },
    });
    expect(added.status).toBe(201);
    const missing = await api.request('GET', `/api/plans/${planId}/missing-figures?year=2026`, { token: officer });
    expect(missing.body.missing).toContainEqual(
      expect.objectContaining({
        key: 'custom.rural_ecommerce_points',
        kind: 'recorded_value',
        neededBy: ['custom.rural_ecommerce_points'],
      }),
    );
    const definitions = await api.request('GET', '/api/external-figures/definitions', { token: officer });
    expect(definitions.body.map((d: { key: string }) => d.key)).toEqual(
      expect.arrayContaining(['custom.rural_ecommerce_points', 'total_retail_sales']),
    );

    const entered = await api.request('PUT', '/api/external-figures/2025/custom.rural_ecommerce_points', {
      token: officer,
      body: { value: 12, source: 'Báo cáo của UBND các xã, phường', sourceDate: '2026-01-20' },
    });
    expect(entered.status).toBe(200);
    expect(entered.body).toMatchObject({
      kind: 'recorded_value',
      unit: 'count',
      nameVi: 'Số điểm thương mại điện tử nông thôn',
    });
  });
});
