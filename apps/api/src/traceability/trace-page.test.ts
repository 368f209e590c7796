import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildEpcisDocument } from './epcis.js';
import { sampleEvent, sampleRecord } from './testing/sample-record.js';
import { escapeHtml, renderTracePage, TRACE_PAGE_CSP } from './trace-page.js';

describe('trace page', () => {
  it('escapes everything a seller typed', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;',
    );
    const html = renderTracePage(
      sampleRecord({ events: [sampleEvent({ notes: '<script>alert(1)</script>', actorName: 'Tổ "A" & B' })] }),
    );
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Tổ &quot;A&quot; &amp; B');
  });

  it('shows times in Vietnam (UTC+7) and dates as dd/mm/yyyy', () => {
    const html = renderTracePage(sampleRecord());
    expect(html).toContain('06:30 · 05/01/2026');
    expect(html).toContain('<dt>Hạn sử dụng</dt><dd>12/01/2027</dd>');
    expect(html).toContain('<dt>Số lượng</dt><dd>130,5 kg</dd>');
  });

  it('allows exactly its own inline style and script by hash, nothing else', () => {
    const html = renderTracePage(sampleRecord({ scanId: '11111111-1111-4111-8111-111111111111' }));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(TRACE_PAGE_CSP).toContain(`style-src ${hash(style)}`);
    expect(TRACE_PAGE_CSP).toContain(`script-src ${hash(script)}`);
    expect(html).toContain('data-scan="11111111-1111-4111-8111-111111111111" hidden');
    // Without a recorded scan there is nothing to attach a location to, so no button and no script.
    expect(renderTracePage(sampleRecord())).not.toContain('<script>');
  });

  it('says plainly when the chain does not verify', () => {
    const html = renderTracePage(
      sampleRecord({
        chain: { verified: false, eventCount: 1, brokenAtSeq: 1, problem: 'event_changed', headHash: 'b'.repeat(64) },
      }),
    );
    expect(html).toContain('⚠ Cảnh báo: chuỗi dữ liệu bị đứt từ bước 1');
    expect(html).not.toContain('Dữ liệu toàn vẹn');
  });

  it('shows stars only for a valid OCOP rating, and no buy link for a product not on sale', () => {
    const expired = renderTracePage(
      sampleRecord({
        ocop: { ...sampleRecord().ocop!, valid: false },
        product: { ...sampleRecord().product, buyUrl: null },
      }),
    );
    expect(expired).not.toContain('★');
    expect(expired).toContain('đã hết hiệu lực đến 10/01/2028');
    expect(expired).not.toContain('class="buy"');
  });
});

describe('EPCIS export', () => {
  const base = 'https://ocop.example.vn';

  it('exports a batch without a harvest event as a commissioning from the batch record', () => {
    const record = sampleRecord({ events: [sampleEvent({ kind: 'packing', kindLabel: 'Đóng gói' })] });
    const [commissioning, packing] = (
      buildEpcisDocument(record, base).epcisBody as { eventList: Record<string, unknown>[] }
    ).eventList;
    expect(commissioning).toMatchObject({
      type: 'ObjectEvent',
      action: 'ADD',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
    });
    expect(packing).toMatchObject({
      type: 'ObjectEvent',
      action: 'OBSERVE',
      bizStep: 'https://ref.gs1.org/cbv/BizStep-packing',
    });
  });

  it('declares a corrected event erroneous and names the correction', () => {
    const wrong = sampleEvent({
      id: '00000000-0000-4000-8000-000000000002',
      seq: 2,
      kind: 'inspecting',
      correctedByEventId: '00000000-0000-4000-8000-000000000003',
    });
    const fix = sampleEvent({
      id: '00000000-0000-4000-8000-000000000003',
      seq: 3,
      kind: 'inspecting',
      correctsEventId: wrong.id,
      recordedAt: '2026-01-06T00:00:00.000Z',
    });
    const events = (
      buildEpcisDocument(sampleRecord({ events: [sampleEvent(), wrong, fix] }), base).epcisBody as {
        eventList: Record<string, unknown>[];
      }
    ).eventList;
    expect(events[1]).toMatchObject({
      errorDeclaration: {
        declarationTime: '2026-01-06T00:00:00.000Z',
        reason: 'https://ref.gs1.org/cbv/ER-incorrect_data',
        correctiveEventIDs: [`${base}/t/7K2M9QX4PB/events/3`],
      },
    });
    expect(events[2]).toMatchObject({ 'ocop:corrects': `${base}/t/7K2M9QX4PB/events/2` });
    expect(events[2]).not.toHaveProperty('errorDeclaration');
  });

  it('names planting in the platform vocabulary, and counts pieces without a unit of measure', () => {
    const planting = sampleEvent({
      kind: 'planting',
      outputs: [{ name: 'Cây giống', quantity: 300, unit: 'piece', unitLabel: 'cái/quả' }],
    });
    const [, exported] = (
      buildEpcisDocument(sampleRecord({ events: [planting] }), base).epcisBody as {
        eventList: Record<string, unknown>[];
      }
    ).eventList;
    expect(exported).toMatchObject({ bizStep: 'ocop:BizStep-planting', quantityList: [{ quantity: 300 }] });
    expect((exported!.quantityList as object[])[0]).not.toHaveProperty('uom');
  });
});
