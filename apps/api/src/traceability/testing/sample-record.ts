import type { TraceEventDto, TraceRecordDto } from '../dto/trace.dto.js';

const BASE = 'https://ocop.example.vn';

export function sampleEvent(overrides: Partial<TraceEventDto> = {}): TraceEventDto {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    seq: 1,
    kind: 'harvesting',
    kindLabel: 'Thu hoạch',
    occurredAt: '2026-01-04T23:30:00.000Z',
    place: { code: '06253', name: 'Xã Văn Quan', provinceName: 'Lạng Sơn' },
    placeName: 'Đồi hồi thôn Khòn Pát',
    actorName: 'Tổ thu hái',
    inputs: [],
    outputs: [{ name: 'Quả hồi tươi', quantity: 520, unit: 'kg', unitLabel: 'kg' }],
    notes: '',
    evidence: [],
    correctsEventId: null,
    correctedByEventId: null,
    recordedAt: '2026-01-05T01:00:00.000Z',
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

/** A record as buildTraceRecord makes it, for tests of what is rendered from it. */
export function sampleRecord(overrides: Partial<TraceRecordDto> = {}): TraceRecordDto {
  return {
    code: '7K2M9QX4PB',
    links: {
      shortUri: `${BASE}/t/7K2M9QX4PB`,
      digitalLink: `${BASE}/01/08934563138165/10/HOI-2026%2F01`,
      qrUri: `${BASE}/01/08934563138165/10/HOI-2026%2F01`,
      epcis: `${BASE}/api/trace/7K2M9QX4PB/epcis`,
    },
    product: {
      id: '0f6b4a3e-1a8e-4c3b-8f0e-2b5c8d9e7f60',
      name: 'Hoa hồi khô Văn Quan',
      slug: 'hoa-hoi-kho-van-quan',
      categoryName: 'Gia vị',
      imageUrls: [],
      buyUrl: `${BASE}/san-pham/hoa-hoi-kho-van-quan`,
    },
    producer: {
      name: 'Hợp tác xã Hồi Văn Quan',
      slug: 'htx-hoi-van-quan',
      shopUrl: `${BASE}/cua-hang/htx-hoi-van-quan`,
      legalType: 'cooperative',
      legalTypeLabel: 'Hợp tác xã',
      address: 'Thôn Nà Làng, Xã Văn Quan, tỉnh Lạng Sơn',
      commune: { code: '06253', name: 'Xã Văn Quan', provinceName: 'Lạng Sơn' },
    },
    batch: {
      lot: 'HOI-2026/01',
      gtin: '08934563138165',
      harvestedOn: '2026-01-05',
      producedOn: '2026-01-12',
      expiresOn: '2027-01-12',
      quantity: 130.5,
      unit: 'kg',
      unitLabel: 'kg',
      origin: { code: '06253', name: 'Xã Văn Quan', provinceName: 'Lạng Sơn' },
      growingAreaCode: 'VN-LSSA-0102',
      standards: [{ code: 'vietgap', label: 'VietGAP', reference: 'VG-0012' }],
      notes: '',
      photos: [],
      createdAt: '2026-01-12T03:00:00.000Z',
    },
    ocop: {
      stars: 4,
      certificateNumber: '1234/QĐ-UBND',
      issuingAuthority: 'UBND tỉnh Lạng Sơn',
      issuedOn: '2025-01-10',
      expiresOn: '2028-01-10',
      valid: true,
    },
    certificates: [],
    events: [sampleEvent()],
    chain: { verified: true, eventCount: 1, brokenAtSeq: null, problem: null, headHash: 'b'.repeat(64) },
    circular02Missing: [],
    ...overrides,
  };
}
