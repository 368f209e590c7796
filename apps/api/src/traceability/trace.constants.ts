/**
 * The stages of a batch's life the platform records, in the spirit of EPCIS 2.0: each maps to a
 * CBV business step in the export (see epcis.ts). "planting" comes before the lot exists, so it has
 * no CBV step of its own and is exported under the platform's vocabulary.
 */
export const TRACE_EVENT_KINDS = [
  'planting',
  'harvesting',
  'processing',
  'packing',
  'shipping',
  'receiving',
  'inspecting',
] as const;
export type TraceEventKind = (typeof TRACE_EVENT_KINDS)[number];

export const TRACE_EVENT_LABELS: Record<TraceEventKind, string> = {
  planting: 'Gieo trồng',
  harvesting: 'Thu hoạch',
  processing: 'Sơ chế, chế biến',
  packing: 'Đóng gói',
  shipping: 'Xuất hàng',
  receiving: 'Nhận hàng',
  inspecting: 'Kiểm tra, kiểm nghiệm',
};

/**
 * Units a cooperative counts a lot in. Mass and volume carry their UN/CEFACT Rec. 20 code, which is
 * what EPCIS `uom` expects; count units have none because EPCIS counts instances without a uom.
 */
export const TRACE_UNITS = ['kg', 'g', 't', 'l', 'ml', 'piece', 'bag', 'box', 'bottle', 'jar'] as const;
export type TraceUnit = (typeof TRACE_UNITS)[number];

export const TRACE_UNIT_LABELS: Record<TraceUnit, string> = {
  kg: 'kg',
  g: 'g',
  t: 'tấn',
  l: 'lít',
  ml: 'ml',
  piece: 'cái/quả',
  bag: 'túi',
  box: 'hộp',
  bottle: 'chai',
  jar: 'hũ',
};

export const UNECE_UNIT_CODES: Partial<Record<TraceUnit, string>> = {
  kg: 'KGM',
  g: 'GRM',
  t: 'TNE',
  l: 'LTR',
  ml: 'MLT',
};

/** Standards a seller declares for a batch (Circular 02/2024 "applied standards"). */
export const TRACE_STANDARDS = [
  'vietgap',
  'globalgap',
  'organic',
  'haccp',
  'iso22000',
  'tcvn',
  'qcvn',
  'ocop',
  'other',
] as const;
export type TraceStandard = (typeof TRACE_STANDARDS)[number];

export const TRACE_STANDARD_LABELS: Record<TraceStandard, string> = {
  vietgap: 'VietGAP',
  globalgap: 'GlobalG.A.P.',
  organic: 'Hữu cơ',
  haccp: 'HACCP',
  iso22000: 'ISO 22000',
  tcvn: 'TCVN',
  qcvn: 'QCVN',
  ocop: 'OCOP',
  other: 'Tiêu chuẩn khác',
};

export const QUALITY_CERTIFICATE_LABELS: Record<string, string> = {
  vietgap: 'VietGAP',
  globalgap: 'GlobalG.A.P.',
  haccp: 'HACCP',
  organic: 'Hữu cơ',
  food_safety: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
};

/**
 * A GS1 AI (10) lot is up to 20 characters of the GS1 "character set 82"; this subset leaves out
 * the characters that need escaping in a URI path or confuse people reading a label, but keeps `/`
 * (common in co-operatives' lot books) so that percent-encoding is exercised for real.
 */
export const LOT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,19}$/;

/** Seller order statuses in which the shipped batch can still be recorded: paid, not yet handed over. */
export const BATCH_RECORDABLE_ORDER_STATUSES = ['paid', 'cod_accepted', 'packed'] as const;

export const MAX_EVENTS_PER_BATCH = 200;
export const MAX_PHOTOS_PER_BATCH = 12;
export const MAX_EVIDENCE_PER_EVENT = 6;
export const MAX_MATERIALS_PER_EVENT = 20;

/** Vietnam keeps UTC+7 all year (no daylight saving), so one offset serves every event time. */
export const VIETNAM_UTC_OFFSET = '+07:00';
