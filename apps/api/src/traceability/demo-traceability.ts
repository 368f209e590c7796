import type { EntityManager } from 'typeorm';
import { slugify } from '../catalog/product-slug.js';
import { todayInVietnam } from '../catalog/vietnam-date.js';
import { toGtin14 } from './digital-link.js';
import type { TraceEventKind, TraceStandard, TraceUnit } from './trace.constants.js';
import { findBatch, type StoredMaterial } from './trace-record.js';
import { appendEvent, insertBatch } from './trace-writer.js';

interface DemoEvent {
  kind: TraceEventKind;
  daysAgo: number;
  /** Local time in Vietnam, HH:MM. */
  at: string;
  commune: string;
  placeName: string;
  actorName: string;
  inputs?: StoredMaterial[];
  outputs?: StoredMaterial[];
  notes: string;
  /** Index (in this list) of the earlier event this one corrects. */
  corrects?: number;
}

interface DemoBatch {
  productName: string;
  lotPrefix: string;
  /** Use the GTIN of the product's first variant that has one, so the QR is a GS1 Digital Link. */
  withGtin: boolean;
  harvestedDaysAgo?: number;
  producedDaysAgo?: number;
  shelfLifeDays?: number;
  quantity: number;
  unit: TraceUnit;
  originCommune: string;
  growingAreaCode?: string;
  standards: { code: TraceStandard; reference?: string }[];
  notes: string;
  events: DemoEvent[];
}

const m = (name: string, quantity: number, unit: TraceUnit): StoredMaterial => ({ name, quantity, unit });

const KIEM_NGHIEM = 'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Lạng Sơn';

/**
 * Batches for products of the demo catalog (found by the slug of their name, so the demo still
 * loads if some are missing), each with the stages a buyer expects to see: harvest in the commune,
 * drying or processing, packing, inspection; one has a shipment and one a correction.
 */
const DEMO_BATCHES: DemoBatch[] = [
  {
    productName: 'Hoa hồi khô Văn Quan loại 1',
    lotPrefix: 'HVQ',
    withGtin: true,
    harvestedDaysAgo: 42,
    producedDaysAgo: 35,
    shelfLifeDays: 730,
    quantity: 130,
    unit: 'kg',
    originCommune: '06253',
    growingAreaCode: 'VN-LSSA-0102',
    standards: [
      { code: 'organic', reference: 'TCVN 11041-2:2017' },
      { code: 'tcvn', reference: 'TCVN 10725:2015' },
    ],
    notes: 'Hồi vụ thu, phơi nắng tự nhiên trên giàn tre.',
    events: [
      {
        kind: 'harvesting',
        daysAgo: 42,
        at: '06:30',
        commune: '06253',
        placeName: 'Đồi hồi thôn Khòn Pát',
        actorName: 'Tổ thu hái HTX Hồi Văn Quan (tổ trưởng Hoàng Văn Thắng)',
        outputs: [m('Quả hồi tươi', 520, 'kg')],
        notes: 'Hái tay quả hồi đã già, đủ 8 cánh; không phun thuốc bảo vệ thực vật trong 60 ngày trước thu hoạch.',
      },
      {
        kind: 'processing',
        daysAgo: 41,
        at: '08:00',
        commune: '06253',
        placeName: 'Sân phơi và lò sấy của hợp tác xã',
        actorName: 'Xưởng sơ chế HTX Hồi Văn Quan',
        inputs: [m('Quả hồi tươi', 520, 'kg')],
        outputs: [m('Hoa hồi khô', 130, 'kg')],
        notes: 'Chần nước sôi 5 phút, phơi nắng 6 ngày đến khi cánh đỏ nâu; độ ẩm còn khoảng 12 %.',
      },
      {
        kind: 'packing',
        daysAgo: 35,
        at: '14:00',
        commune: '06253',
        placeName: 'Xưởng đóng gói HTX Hồi Văn Quan',
        actorName: 'Tổ đóng gói (chị Nông Thị Mai)',
        inputs: [m('Hoa hồi khô', 130, 'kg')],
        outputs: [m('Túi hoa hồi 500 g', 260, 'bag')],
        notes: 'Đóng túi giấy kraft lót màng, dán tem truy xuất nguồn gốc.',
      },
      {
        kind: 'inspecting',
        daysAgo: 33,
        at: '09:15',
        commune: '05977',
        placeName: KIEM_NGHIEM,
        actorName: KIEM_NGHIEM,
        notes:
          'Phiếu kết quả số 0412/KQ: độ ẩm 11,8 %, hàm lượng tinh dầu 9,6 %, không phát hiện nấm mốc. Đạt TCVN 10725:2015.',
      },
    ],
  },
  {
    productName: 'Gạo Bao thai Hồng Phong',
    lotPrefix: 'BTHP',
    withGtin: true,
    harvestedDaysAgo: 60,
    producedDaysAgo: 52,
    shelfLifeDays: 365,
    quantity: 2000,
    unit: 'kg',
    originCommune: '06079',
    growingAreaCode: 'VN-LSRC-0004',
    standards: [{ code: 'vietgap', reference: 'VietGAP-TT-16-01-20-0004' }],
    notes: 'Lúa Bao thai một vụ, cấy trên 2,5 ha ruộng Nà Pàn.',
    events: [
      {
        kind: 'planting',
        daysAgo: 170,
        at: '07:00',
        commune: '06079',
        placeName: 'Cánh đồng Nà Pàn',
        actorName: 'Nhóm hộ trồng lúa Bao thai Hồng Phong',
        inputs: [m('Thóc giống Bao thai', 60, 'kg')],
        notes: 'Cấy vụ mùa, bón lót phân chuồng hoai mục; theo quy trình VietGAP.',
      },
      {
        kind: 'harvesting',
        daysAgo: 60,
        at: '06:00',
        commune: '06079',
        placeName: 'Cánh đồng Nà Pàn',
        actorName: 'Nhóm hộ trồng lúa Bao thai Hồng Phong',
        outputs: [m('Thóc tươi', 3600, 'kg')],
        notes: 'Gặt máy khi 85 % số hạt chín vàng.',
      },
      {
        kind: 'processing',
        daysAgo: 55,
        at: '08:30',
        commune: '06079',
        placeName: 'Sân phơi và máy xay xát của thôn',
        actorName: 'Tổ dịch vụ HTX Nông sản Đông Kinh',
        inputs: [m('Thóc tươi', 3600, 'kg')],
        outputs: [m('Gạo Bao thai xát dối', 2000, 'kg')],
        notes: 'Phơi 3 nắng, xay xát một lần để giữ cám gạo.',
      },
      {
        kind: 'packing',
        daysAgo: 52,
        at: '15:00',
        commune: '05977',
        placeName: 'Cửa hàng HTX Nông sản Đông Kinh, số 12 đường Bà Triệu',
        actorName: 'HTX Nông sản Đông Kinh (chị Lăng Thị Hoa)',
        inputs: [m('Gạo Bao thai xát dối', 2000, 'kg')],
        outputs: [m('Túi gạo 5 kg hút chân không', 400, 'bag')],
        notes: 'Đóng túi hút chân không, in ngày đóng gói.',
      },
      {
        kind: 'inspecting',
        daysAgo: 50,
        at: '10:00',
        commune: '05977',
        placeName: 'Chi cục Trồng trọt và Bảo vệ thực vật Lạng Sơn',
        actorName: 'Chi cục Trồng trọt và Bảo vệ thực vật Lạng Sơn',
        notes: 'Mẫu số 26-0311: không phát hiện dư lượng thuốc bảo vệ thực vật trong 42 hoạt chất kiểm tra.',
      },
    ],
  },
  {
    productName: 'Măng khô Đình Lập',
    lotPrefix: 'MKDL',
    withGtin: false,
    harvestedDaysAgo: 75,
    producedDaysAgo: 57,
    shelfLifeDays: 540,
    quantity: 85,
    unit: 'kg',
    originCommune: '06613',
    standards: [{ code: 'ocop' }],
    notes: 'Măng vầu rừng tự nhiên, không dùng lưu huỳnh.',
    events: [
      {
        kind: 'harvesting',
        daysAgo: 75,
        at: '07:00',
        commune: '06613',
        placeName: 'Rừng vầu bản Khe Mò',
        actorName: 'Hộ bà Hoàng Thị Lan, bản Khe Mò',
        outputs: [m('Măng vầu tươi', 1200, 'kg')],
        notes: 'Bẻ măng non dưới 40 cm.',
      },
      {
        kind: 'processing',
        daysAgo: 74,
        at: '06:00',
        commune: '06613',
        placeName: 'Lò luộc và giàn phơi bản Khe Mò',
        actorName: 'Hộ bà Hoàng Thị Lan, bản Khe Mò',
        inputs: [m('Măng vầu tươi', 1200, 'kg')],
        outputs: [m('Măng khô', 85, 'kg')],
        notes: 'Luộc 3 giờ, ngâm nước suối một đêm, phơi nắng 14 ngày.',
      },
      {
        kind: 'receiving',
        daysAgo: 58,
        at: '16:30',
        commune: '05977',
        placeName: 'Kho HTX Nông sản Đông Kinh',
        actorName: 'Thủ kho HTX Nông sản Đông Kinh',
        inputs: [m('Măng khô', 85, 'kg')],
        notes: 'Kiểm tra cảm quan: màu vàng đều, không mốc, không mùi lạ.',
      },
      {
        kind: 'packing',
        daysAgo: 57,
        at: '09:00',
        commune: '05977',
        placeName: 'Kho HTX Nông sản Đông Kinh',
        actorName: 'Tổ đóng gói HTX Nông sản Đông Kinh',
        inputs: [m('Măng khô', 85, 'kg')],
        outputs: [m('Túi măng khô 500 g', 170, 'bag')],
        notes: 'Đóng túi zip, dán tem truy xuất.',
      },
      {
        kind: 'packing',
        daysAgo: 56,
        at: '08:00',
        commune: '05977',
        placeName: 'Kho HTX Nông sản Đông Kinh',
        actorName: 'Tổ đóng gói HTX Nông sản Đông Kinh',
        inputs: [m('Măng khô', 85, 'kg')],
        outputs: [m('Túi măng khô 500 g', 168, 'bag')],
        notes: 'Đính chính: kiểm đếm lại được 168 túi; 1 kg hao hụt do loại bỏ măng vụn.',
        corrects: 3,
      },
      {
        kind: 'inspecting',
        daysAgo: 55,
        at: '10:30',
        commune: '05977',
        placeName: KIEM_NGHIEM,
        actorName: KIEM_NGHIEM,
        notes: 'Phiếu kết quả số 0388/KQ: không phát hiện SO₂ (lưu huỳnh), độ ẩm 13 %.',
      },
    ],
  },
  {
    productName: 'Mật ong hoa rừng Hữu Lũng',
    lotPrefix: 'MOHL',
    withGtin: false,
    harvestedDaysAgo: 20,
    producedDaysAgo: 15,
    shelfLifeDays: 730,
    quantity: 320,
    unit: 'l',
    originCommune: '06400',
    standards: [{ code: 'tcvn', reference: 'TCVN 5267-2:2008' }],
    notes: 'Mật ong nội quay từ đàn ong dưới rừng Hữu Liên.',
    events: [
      {
        kind: 'harvesting',
        daysAgo: 20,
        at: '05:30',
        commune: '06400',
        placeName: 'Trại ong dưới tán rừng Hữu Liên',
        actorName: 'Hộ kinh doanh Mật ong Hoàng Lâm',
        outputs: [m('Mật ong thô', 340, 'l')],
        notes: 'Quay mật từ 120 đàn ong nội, chỉ lấy cầu mật đã vít nắp.',
      },
      {
        kind: 'processing',
        daysAgo: 18,
        at: '09:00',
        commune: '06385',
        placeName: 'Xưởng lọc mật Hoàng Lâm',
        actorName: 'Hộ kinh doanh Mật ong Hoàng Lâm',
        inputs: [m('Mật ong thô', 340, 'l')],
        outputs: [m('Mật ong đã lọc', 320, 'l')],
        notes: 'Lọc qua 3 lớp lưới inox, hạ độ ẩm bằng máy sấy lạnh, không gia nhiệt quá 40 °C.',
      },
      {
        kind: 'packing',
        daysAgo: 15,
        at: '14:00',
        commune: '06385',
        placeName: 'Xưởng lọc mật Hoàng Lâm',
        actorName: 'Hộ kinh doanh Mật ong Hoàng Lâm',
        inputs: [m('Mật ong đã lọc', 320, 'l')],
        outputs: [m('Chai mật ong 500 ml', 640, 'bottle')],
        notes: 'Chai thủy tinh, nắp thiếc, màng co niêm phong.',
      },
      {
        kind: 'inspecting',
        daysAgo: 13,
        at: '10:00',
        commune: '05977',
        placeName: KIEM_NGHIEM,
        actorName: KIEM_NGHIEM,
        notes: 'Độ ẩm 18,7 %, HMF 12 mg/kg, đường khử 72 %: đạt TCVN 5267-2:2008.',
      },
    ],
  },
  {
    productName: 'Quýt vàng Bắc Sơn',
    lotPrefix: 'QVBS',
    withGtin: false,
    harvestedDaysAgo: 6,
    shelfLifeDays: 25,
    quantity: 1500,
    unit: 'kg',
    originCommune: '06325',
    growingAreaCode: 'VN-LSOR-0031',
    standards: [{ code: 'vietgap', reference: 'VietGAP-TT-15-05-20-0031' }],
    notes: 'Quýt chín cây, hái trong ngày.',
    events: [
      {
        kind: 'harvesting',
        daysAgo: 6,
        at: '06:00',
        commune: '06325',
        placeName: 'Vườn quýt thôn Mỏ Hao',
        actorName: 'HTX Quýt vàng Bắc Sơn',
        outputs: [m('Quýt vàng tươi', 1500, 'kg')],
        notes: 'Hái bằng kéo, để lại cuống; phân loại tại vườn.',
      },
      {
        kind: 'packing',
        daysAgo: 6,
        at: '13:00',
        commune: '06325',
        placeName: 'Nhà sơ chế HTX Quýt vàng Bắc Sơn',
        actorName: 'HTX Quýt vàng Bắc Sơn',
        inputs: [m('Quýt vàng tươi', 1500, 'kg')],
        outputs: [m('Thùng quýt 5 kg', 290, 'box')],
        notes: 'Lau sạch, xếp thùng carton có lỗ thoáng.',
      },
      {
        kind: 'shipping',
        daysAgo: 5,
        at: '05:30',
        commune: '06325',
        placeName: 'Nhà sơ chế HTX Quýt vàng Bắc Sơn',
        actorName: 'Xe tải HTX, biển số 12C-045.18',
        outputs: [m('Thùng quýt 5 kg', 120, 'box')],
        notes: 'Chuyển về kho HTX Nông sản Đông Kinh để bán lẻ.',
      },
      {
        kind: 'receiving',
        daysAgo: 5,
        at: '08:45',
        commune: '05977',
        placeName: 'Kho HTX Nông sản Đông Kinh',
        actorName: 'Thủ kho HTX Nông sản Đông Kinh',
        inputs: [m('Thùng quýt 5 kg', 120, 'box')],
        notes: 'Đủ số lượng, quả không dập.',
      },
    ],
  },
];

function daysAgo(days: number): string {
  const today = todayInVietnam();
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface DemoTraceabilitySummary {
  batches: number;
  events: number;
}

/**
 * Loads the demo batches for the products of `seedDemoCatalog`, inside the caller's transaction
 * (it uses savepoints, so `manager` must be a transaction's). Products that are missing or were
 * never published are skipped; a product that already has batches is left alone, so running it
 * twice adds nothing.
 */
export async function seedDemoTraceability(manager: EntityManager): Promise<DemoTraceabilitySummary> {
  const summary: DemoTraceabilitySummary = { batches: 0, events: 0 };
  for (const plan of DEMO_BATCHES) {
    const [product] = (await manager.query(
      `SELECT p.id, p.organisation_id,
              (SELECT u.id FROM users u WHERE u.organisation_id = p.organisation_id ORDER BY u.created_at LIMIT 1) AS member_id,
              EXISTS (SELECT 1 FROM trace_batches b WHERE b.product_id = p.id) AS has_batches
       FROM products p WHERE p.slug = $1 AND p.first_published_at IS NOT NULL`,
      [slugify(plan.productName)],
    )) as { id: string; organisation_id: string; member_id: string | null; has_batches: boolean }[];
    if (!product || product.has_batches) continue;

    let variantId: string | null = null;
    let gtin14: string | null = null;
    if (plan.withGtin) {
      const [variant] = (await manager.query(
        'SELECT id, gtin FROM product_variants WHERE product_id = $1 AND gtin IS NOT NULL ORDER BY position, created_at LIMIT 1',
        [product.id],
      )) as { id: string; gtin: string }[];
      if (variant) {
        variantId = variant.id;
        gtin14 = toGtin14(variant.gtin);
      }
    }
    const harvestedOn = plan.harvestedDaysAgo !== undefined ? daysAgo(plan.harvestedDaysAgo) : null;
    const producedOn = plan.producedDaysAgo !== undefined ? daysAgo(plan.producedDaysAgo) : null;
    const firstDate = (harvestedOn ?? producedOn)!;
    const lotDate = (producedOn ?? harvestedOn)!;
    const inserted = await insertBatch(manager, {
      organisationId: product.organisation_id,
      productId: product.id,
      variantId,
      gtin14,
      lot: `${plan.lotPrefix}-${lotDate.slice(2).replace(/-/g, '')}`,
      harvestedOn,
      producedOn,
      expiresOn: plan.shelfLifeDays ? addDays(producedOn ?? firstDate, plan.shelfLifeDays) : null,
      quantity: plan.quantity,
      unit: plan.unit,
      originCommuneCode: plan.originCommune,
      growingAreaCode: plan.growingAreaCode ?? null,
      standards: plan.standards.map((s) => ({ code: s.code, reference: s.reference ?? null })),
      notes: plan.notes,
      createdBy: product.member_id,
    });
    const batch = (await findBatch(manager, { id: inserted.id }, true))!;
    const ids: string[] = [];
    for (const event of plan.events) {
      const appended = await appendEvent(manager, batch, {
        kind: event.kind,
        occurredAt: new Date(`${daysAgo(event.daysAgo)}T${event.at}:00+07:00`),
        communeCode: event.commune,
        placeName: event.placeName,
        actorName: event.actorName,
        inputs: event.inputs ?? [],
        outputs: event.outputs ?? [],
        notes: event.notes,
        evidence: [],
        correctsEventId: event.corrects !== undefined ? (ids[event.corrects] ?? null) : null,
        recordedBy: product.member_id,
      });
      ids.push(appended.id);
    }
    summary.batches += 1;
    summary.events += ids.length;
  }
  return summary;
}
