import type { OcopIssuingLevel, PackagingMaterial, QualityCertificateKind } from '../catalog/catalog.constants.js';
import type { LegalType } from '../sellers/organisation.entity.js';

/**
 * A believable Lạng Sơn for the demo: real communes (post-2025 codes), the province's known
 * specialties, retail prices in đồng as they are found in 2026, OCOP ratings recognised by the
 * provincial People's Committee (3–4 stars) or centrally (5 stars). Names, numbers and people are
 * invented; tax codes are built to pass the check digit but belong to nobody.
 */

export interface DemoSeller {
  slug: string;
  name: string;
  legalType: LegalType;
  isSme: boolean;
  womenOwned: boolean;
  /** First 9 digits of the tax code; the check digit is computed. */
  taxCodeBase: string;
  communeCode: string;
  streetAddress: string;
  contactName: string;
  contactPhone: string;
  story: string;
  /** Prefix of this seller's SKUs, so demo SKUs never collide with anyone else's. */
  skuPrefix: string;
}

export interface DemoVariant {
  label: string;
  sku: string;
  price: number;
  weightGrams: number | null;
  stock: number;
  /** Last 5 digits of the item reference under the seller's GS1 prefix; the check digit is computed. */
  gtinItem?: string;
}

export interface DemoOcop {
  stars: 3 | 4 | 5;
  certificateNumber: string;
  issuingLevel: OcopIssuingLevel;
  issuingAuthority: string;
  /** Valid for 36 months from then. */
  issuedMonthsAgo: number;
}

export interface DemoQuality {
  kind: QualityCertificateKind;
  certificateNumber: string;
  issuer: string;
  /** Valid for 36 months from then. */
  issuedMonthsAgo: number;
}

export interface DemoProduct {
  seller: string;
  name: string;
  categoryCode: string;
  description: string;
  packagingMaterial: PackagingMaterial | null;
  growingAreaCode?: string;
  variants: DemoVariant[];
  ocop?: DemoOcop;
  quality?: DemoQuality[];
  /** Left as a draft, to show that drafts never reach the storefront. */
  draft?: boolean;
}

export const DEMO_ORGANISATION_SLUG = 'htx-nong-san-dong-kinh';

const UBND_LS = 'UBND tỉnh Lạng Sơn';
// Ratings from before March 2025 carry the name of the ministry before its merger.
const CENTRAL = 'Bộ Nông nghiệp và Phát triển nông thôn';

/**
 * The province's OCOP recognition rounds the demo certificates come from. Dates are counted back
 * from the day the demo is loaded, so that the demo keeps the same picture whenever it is started:
 * ratings last 36 months, and exactly one product shows an expired certificate.
 */
const ROUND_A = { certificateNumber: '2385/QĐ-UBND', issuedMonthsAgo: 30 };
const ROUND_B = { certificateNumber: '1967/QĐ-UBND', issuedMonthsAgo: 25 };
const ROUND_C = { certificateNumber: '1024/QĐ-UBND', issuedMonthsAgo: 17 };
const ROUND_D = { certificateNumber: '2211/QĐ-UBND', issuedMonthsAgo: 12 };
const ROUND_E = { certificateNumber: '685/QĐ-UBND', issuedMonthsAgo: 7 };
/** A round whose certificates ran out four months ago and were not renewed. */
const ROUND_EXPIRED = { certificateNumber: '2043/QĐ-UBND', issuedMonthsAgo: 40 };

const provincial = (stars: 3 | 4, round: { certificateNumber: string; issuedMonthsAgo: number }): DemoOcop => ({
  stars,
  issuingLevel: 'provincial',
  issuingAuthority: UBND_LS,
  ...round,
});

export const DEMO_SELLERS: DemoSeller[] = [
  {
    slug: 'htx-hoi-van-quan',
    name: 'Hợp tác xã Nông lâm nghiệp Hồi Văn Quan',
    legalType: 'cooperative',
    isSme: false,
    womenOwned: false,
    taxCodeBase: '490087101',
    communeCode: '06253',
    streetAddress: 'Thôn Nà Lại',
    contactName: 'Hoàng Văn Thắng',
    contactPhone: '0912680314',
    story:
      'Hơn 40 xã viên người Tày, Nùng cùng chăm gần 300 ha rừng hồi trên đồi Văn Quan. Hồi được hái đúng vụ, phơi trên giàn tre và chưng cất tinh dầu ngay tại xưởng của hợp tác xã, không dùng chất tẩy màu.',
    skuPrefix: 'VQ',
  },
  {
    slug: 'htx-quyt-vang-bac-son',
    name: 'Hợp tác xã Quýt vàng Bắc Sơn',
    legalType: 'cooperative',
    isSme: false,
    womenOwned: true,
    taxCodeBase: '490087102',
    communeCode: '06325',
    streetAddress: 'Thôn Làng Hăng',
    contactName: 'Dương Thị Nhung',
    contactPhone: '0983215477',
    story:
      'Những vườn quýt vàng dưới chân núi Nà Lay được trồng theo quy trình VietGAP từ năm 2018. Chị Nhung cùng 27 hộ thành viên thu hái vào tháng 11, tháng 12 và giao quýt tươi trong ngày cho khách khắp cả nước.',
    skuPrefix: 'BS',
  },
  {
    slug: 'cong-ty-nong-san-chi-lang',
    name: 'Công ty TNHH Nông sản Chi Lăng',
    legalType: 'enterprise',
    isSme: true,
    womenOwned: false,
    taxCodeBase: '490087103',
    communeCode: '06463',
    streetAddress: 'Khu Ga, đường Quốc lộ 1A',
    contactName: 'Vy Văn Hưng',
    contactPhone: '0968402155',
    story:
      'Công ty thu mua na dai từ hơn 200 hộ trồng trên các sườn núi đá vôi Chi Lăng, phân loại, đóng hộp và làm na sấy dẻo, rượu na vào mùa quả chín từ tháng 7 đến tháng 9.',
    skuPrefix: 'CL',
  },
  {
    slug: 'cong-ty-thuc-pham-that-khe',
    name: 'Công ty Cổ phần Thực phẩm Thất Khê',
    legalType: 'enterprise',
    isSme: true,
    womenOwned: true,
    taxCodeBase: '490087104',
    communeCode: '06040',
    streetAddress: 'Số 18 phố Thất Khê',
    contactName: 'Nông Thị Hạnh',
    contactPhone: '0975331208',
    story:
      'Cây thạch đen Tràng Định được phơi khô trên nương rồi nấu theo cách của người Tày: ninh lâu với nước tro để thạch có màu đen tuyền, mùi thơm ngậy. Công ty làm cả thạch ăn liền và bột thạch cho những người bận rộn.',
    skuPrefix: 'TK',
  },
  {
    slug: 'htx-nong-san-mau-son',
    name: 'Hợp tác xã Nông sản Mẫu Sơn',
    legalType: 'cooperative',
    isSme: false,
    womenOwned: false,
    taxCodeBase: '490087105',
    communeCode: '06541',
    streetAddress: 'Thôn Khuổi Tiếng',
    contactName: 'Lý Văn Páo',
    contactPhone: '0917264930',
    story:
      'Người Dao ở Mẫu Sơn nấu rượu từ thóc nương và men lá rừng, chè shan tuyết hái trên độ cao hơn 1.000 m và đào chuông chín vào tháng 6. Hợp tác xã giữ công thức men lá của các gia đình trong thôn.',
    skuPrefix: 'MS',
  },
  {
    slug: 'hkd-mat-ong-hoang-lam',
    name: 'Hộ kinh doanh Mật ong Hoàng Lâm',
    legalType: 'household_business',
    isSme: false,
    womenOwned: false,
    taxCodeBase: '490087106',
    communeCode: '06385',
    streetAddress: 'Thôn Đồng Mỏ',
    contactName: 'Hoàng Văn Lâm',
    contactPhone: '0356120847',
    story:
      'Anh Lâm nuôi hơn 400 đàn ong nội dưới tán rừng Hữu Lũng, quay mật theo mùa hoa và không cho ong ăn đường trong vụ thu hoạch.',
    skuPrefix: 'HL',
  },
  {
    slug: 'cong-ty-dac-san-xu-lang',
    name: 'Công ty TNHH Đặc sản Xứ Lạng',
    legalType: 'enterprise',
    isSme: true,
    womenOwned: true,
    taxCodeBase: '490087107',
    communeCode: '05983',
    streetAddress: 'Số 62 đường Bà Triệu',
    contactName: 'Đinh Thị Thu Hà',
    contactPhone: '0904517362',
    story:
      'Từ bếp nhà ở chợ Kỳ Lừa, chị Thu Hà làm lạp sườn, thịt lợn hun khói và vịt quay mắc mật theo cách của mẹ, nay đóng gói hút chân không để gửi đi xa mà vẫn giữ vị khói bếp.',
    skuPrefix: 'XL',
  },
  {
    slug: 'htx-hong-khong-hat-bao-lam',
    name: 'Hợp tác xã Hồng không hạt Bảo Lâm',
    legalType: 'cooperative',
    isSme: false,
    womenOwned: false,
    taxCodeBase: '490087108',
    communeCode: '06211',
    streetAddress: 'Thôn Nà Slia',
    contactName: 'Lương Văn Cường',
    contactPhone: '0962048193',
    story:
      'Hồng không hạt Bảo Lâm là chỉ dẫn địa lý của Lạng Sơn. Hợp tác xã chăm 45 ha hồng, khử chát bằng cách ngâm nước vôi trong theo kinh nghiệm cũ và làm hồng sấy dẻo, hồng treo gió.',
    skuPrefix: 'BL',
  },
  {
    slug: 'tht-tho-cam-van-lang',
    name: 'Tổ hợp tác Dệt thổ cẩm Tày Nùng Văn Lãng',
    legalType: 'cooperative_group',
    isSme: false,
    womenOwned: true,
    taxCodeBase: '490087109',
    communeCode: '06154',
    streetAddress: 'Thôn Bản Thẳm',
    contactName: 'Chu Thị Mến',
    contactPhone: '0385967214',
    story:
      'Mười hai chị em người Tày, Nùng dệt thổ cẩm trên khung cửi gỗ, nhuộm sợi bằng chàm và vỏ cây. Mỗi chiếc túi, chiếc khăn mất từ ba đến năm ngày dệt.',
    skuPrefix: 'VL',
  },
  {
    slug: 'htx-du-lich-cong-dong-quynh-son',
    name: 'Hợp tác xã Du lịch cộng đồng Quỳnh Sơn',
    legalType: 'cooperative',
    isSme: false,
    womenOwned: false,
    taxCodeBase: '490087110',
    communeCode: '06325',
    streetAddress: 'Thôn Quỳnh Sơn',
    contactName: 'Hà Văn Sáng',
    contactPhone: '0978103652',
    story:
      'Hai mươi ngôi nhà sàn Tày giữa cánh đồng Bắc Sơn đón khách nghỉ lại, ăn mâm cơm vịt quay, nghe hát then và đi bộ lên đỉnh Nà Lay ngắm thung lũng lúc bình minh.',
    skuPrefix: 'QS',
  },
];

const p = (text: string) => `<p>${text}</p>`;

export const DEMO_PRODUCTS: DemoProduct[] = [
  // Hồi Văn Quan
  {
    seller: 'htx-hoi-van-quan',
    name: 'Hoa hồi khô Văn Quan loại 1',
    categoryCode: 'gia-vi',
    description:
      p(
        'Hồi vụ thu hái khi cánh đã già, phơi nắng tự nhiên trên giàn tre đến khi <strong>cánh đỏ nâu, đủ 8 cánh</strong>, không vụn.',
      ) + p('Dùng nấu phở, hầm xương, kho thịt hoặc ngâm rượu.'),
    packagingMaterial: 'recyclable',
    growingAreaCode: 'VN-LSSA-0102',
    variants: [
      { label: 'Túi 500 g', sku: 'HOI-L1-500', price: 145000, weightGrams: 500, stock: 180, gtinItem: '01001' },
      { label: 'Túi 1 kg', sku: 'HOI-L1-1KG', price: 280000, weightGrams: 1000, stock: 90, gtinItem: '01002' },
    ],
    ocop: provincial(4, ROUND_B),
    quality: [
      {
        kind: 'organic',
        certificateNumber: 'ORG-0425-LS-017',
        issuer: 'Trung tâm Chứng nhận Phù hợp (QUACERT)',
        issuedMonthsAgo: 19,
      },
    ],
  },
  {
    seller: 'htx-hoi-van-quan',
    name: 'Hồi tứ quý cánh vàng',
    categoryCode: 'gia-vi',
    description: p('Hồi vụ xuân (hồi tứ quý), cánh nhỏ màu vàng nâu, mùi thơm dịu, hợp để pha trà gia vị và làm bánh.'),
    packagingMaterial: 'recyclable',
    growingAreaCode: 'VN-LSSA-0102',
    variants: [{ label: 'Túi 500 g', sku: 'HOI-TQ-500', price: 160000, weightGrams: 500, stock: 60 }],
    ocop: provincial(3, ROUND_C),
  },
  {
    seller: 'htx-hoi-van-quan',
    name: 'Tinh dầu hồi Văn Quan nguyên chất',
    categoryCode: 'thao-duoc',
    description:
      p('Chưng cất bằng hơi nước từ quả hồi tươi tại xưởng của hợp tác xã; hàm lượng anethol trên 85 %.') +
      p('Xông phòng, pha nước ngâm chân hoặc nhỏ vài giọt vào dầu massage. Không uống trực tiếp.'),
    packagingMaterial: 'recyclable',
    variants: [
      { label: 'Chai 10 ml', sku: 'TDH-10', price: 85000, weightGrams: 60, stock: 240, gtinItem: '01010' },
      { label: 'Chai 50 ml', sku: 'TDH-50', price: 320000, weightGrams: 150, stock: 80, gtinItem: '01011' },
      { label: 'Chai 100 ml', sku: 'TDH-100', price: 590000, weightGrams: 260, stock: 40, gtinItem: '01012' },
    ],
    ocop: {
      stars: 5,
      certificateNumber: '4521/QĐ-BNN-KTHT',
      issuingLevel: 'central',
      issuingAuthority: CENTRAL,
      issuedMonthsAgo: 24,
    },
    quality: [
      {
        kind: 'haccp',
        certificateNumber: 'HACCP-IQC-0118',
        issuer: 'Công ty CP Chứng nhận và Giám định IQC',
        issuedMonthsAgo: 28,
      },
    ],
  },
  {
    seller: 'htx-hoi-van-quan',
    name: 'Bột hồi xay mịn',
    categoryCode: 'gia-vi',
    description: p(
      'Hồi loại 1 sao khô rồi xay mịn, đóng hũ thủy tinh giữ mùi. Rắc vào món nướng, ướp thịt, làm ngũ vị hương.',
    ),
    packagingMaterial: 'recyclable',
    variants: [
      { label: 'Hũ 100 g', sku: 'BOT-HOI-100', price: 45000, weightGrams: 180, stock: 150 },
      { label: 'Hũ 250 g', sku: 'BOT-HOI-250', price: 98000, weightGrams: 380, stock: 70 },
    ],
    ocop: provincial(3, ROUND_C),
  },
  {
    seller: 'htx-hoi-van-quan',
    name: 'Quế thanh cuộn Văn Quan',
    categoryCode: 'gia-vi',
    description: p('Vỏ quế 10 năm tuổi bóc vào tháng 4, cuộn tròn và phơi râm. Vị cay ngọt, dầu quế đậm.'),
    packagingMaterial: 'plastic',
    variants: [{ label: 'Túi 500 g', sku: 'QUE-500', price: 90000, weightGrams: 500, stock: 110 }],
  },
  {
    seller: 'htx-hoi-van-quan',
    name: 'Túi thơm hồi quế treo xe',
    categoryCode: 'luu-niem-trang-tri',
    description: p('Túi vải thổ cẩm nhỏ đựng hồi và quế khô, treo ô tô hoặc tủ quần áo, giữ mùi 3 đến 4 tháng.'),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Túi 50 g', sku: 'TUI-THOM-50', price: 55000, weightGrams: 70, stock: 200 }],
  },

  // Quýt vàng Bắc Sơn
  {
    seller: 'htx-quyt-vang-bac-son',
    name: 'Quýt vàng Bắc Sơn',
    categoryCode: 'trai-cay',
    description:
      p(
        'Quả tròn dẹt, vỏ vàng cam mỏng, múi mọng nước, vị ngọt đậm pha chút chua. Thu hoạch từ giữa tháng 11 đến Tết.',
      ) + p('Hái trong ngày, đóng thùng carton có lỗ thoáng.'),
    packagingMaterial: 'recyclable',
    growingAreaCode: 'VN-LSOR-0031',
    variants: [
      { label: 'Hộp 2 kg', sku: 'QUYT-2KG', price: 150000, weightGrams: 2200, stock: 300 },
      { label: 'Thùng 5 kg', sku: 'QUYT-5KG', price: 350000, weightGrams: 5400, stock: 160 },
      { label: 'Thùng 10 kg', sku: 'QUYT-10KG', price: 650000, weightGrams: 10600, stock: 60 },
    ],
    ocop: provincial(4, ROUND_D),
    quality: [
      {
        kind: 'vietgap',
        certificateNumber: 'VietGAP-TT-15-05-20-0031',
        issuer: 'Trung tâm Kiểm định và Chứng nhận hợp chuẩn hợp quy (VietCert)',
        issuedMonthsAgo: 26,
      },
    ],
  },
  {
    seller: 'htx-quyt-vang-bac-son',
    name: 'Quýt vàng Bắc Sơn hộp quà loại đặc biệt',
    categoryCode: 'trai-cay',
    description: p(
      'Những quả đều, to trên 180 g, còn cuống lá, xếp trong hộp giấy kraft in hoa văn Tày: quà biếu dịp Tết.',
    ),
    packagingMaterial: 'recyclable',
    growingAreaCode: 'VN-LSOR-0031',
    variants: [{ label: 'Hộp quà 3 kg', sku: 'QUYT-QUA-3KG', price: 280000, weightGrams: 3300, stock: 120 }],
    ocop: provincial(4, ROUND_D),
  },
  {
    seller: 'htx-quyt-vang-bac-son',
    name: 'Quýt sấy dẻo Bắc Sơn',
    categoryCode: 'do-kho',
    description: p('Múi quýt sấy lạnh, giữ vị chua ngọt tự nhiên, không đường hóa học, không chất bảo quản.'),
    packagingMaterial: 'plastic',
    variants: [
      { label: 'Túi 200 g', sku: 'QUYT-SAY-200', price: 75000, weightGrams: 220, stock: 140, gtinItem: '02003' },
      { label: 'Hộp 500 g', sku: 'QUYT-SAY-500', price: 175000, weightGrams: 560, stock: 50, gtinItem: '02004' },
    ],
    ocop: provincial(3, ROUND_E),
    quality: [
      {
        kind: 'food_safety',
        certificateNumber: '112/GCNATTP-SNN',
        issuer: 'Sở Nông nghiệp và Môi trường Lạng Sơn',
        issuedMonthsAgo: 20,
      },
    ],
  },
  {
    seller: 'htx-quyt-vang-bac-son',
    name: 'Nước cốt quýt Bắc Sơn',
    categoryCode: 'nuoc-giai-khat',
    description: p(
      'Ép từ quýt chín cây, thanh trùng nhẹ, pha với nước và đá uống giải nhiệt. Bảo quản ngăn mát sau khi mở.',
    ),
    packagingMaterial: 'recyclable',
    variants: [{ label: 'Chai 500 ml', sku: 'NUOC-QUYT-500', price: 65000, weightGrams: 750, stock: 90 }],
  },
  {
    seller: 'htx-quyt-vang-bac-son',
    name: 'Gạo nếp cái hoa vàng Bắc Sơn',
    categoryCode: 'gao-ngu-coc',
    description: p('Nếp cái hoa vàng cấy trên ruộng bậc thang Bắc Sơn, hạt tròn, đồ xôi dẻo thơm, gói bánh chưng Tết.'),
    packagingMaterial: 'biodegradable',
    variants: [
      { label: 'Túi 2 kg', sku: 'NEP-2KG', price: 85000, weightGrams: 2000, stock: 200 },
      { label: 'Bao 5 kg', sku: 'NEP-5KG', price: 200000, weightGrams: 5000, stock: 80 },
    ],
  },

  // Na Chi Lăng
  {
    seller: 'cong-ty-nong-san-chi-lang',
    name: 'Na dai Chi Lăng',
    categoryCode: 'trai-cay',
    description:
      p(
        'Na dai trồng trên núi đá vôi, quả to, mắt na mở, cùi dày, ít hạt, ngọt sắc. Mùa chính từ tháng 7 đến tháng 9.',
      ) + p('Hái già, giao khi na vừa chín tới; để thêm 1–2 ngày ở nhiệt độ phòng nếu quả còn cứng.'),
    packagingMaterial: 'recyclable',
    growingAreaCode: 'VN-LSOR-0047',
    variants: [
      { label: 'Hộp 2 kg', sku: 'NA-DAI-2KG', price: 130000, weightGrams: 2200, stock: 250 },
      { label: 'Thùng 5 kg', sku: 'NA-DAI-5KG', price: 300000, weightGrams: 5400, stock: 120 },
    ],
    ocop: provincial(4, ROUND_B),
    quality: [
      {
        kind: 'vietgap',
        certificateNumber: 'VietGAP-TT-13-29-20-0047',
        issuer: 'Trung tâm Chứng nhận Phù hợp (QUACERT)',
        issuedMonthsAgo: 29,
      },
    ],
  },
  {
    seller: 'cong-ty-nong-san-chi-lang',
    name: 'Na Chi Lăng quả to loại 1',
    categoryCode: 'trai-cay',
    description: p('Chọn quả từ 400 g trở lên, xếp từng quả trong khay giấy, hợp làm quà biếu.'),
    packagingMaterial: 'recyclable',
    growingAreaCode: 'VN-LSOR-0047',
    variants: [{ label: 'Hộp 3 kg', sku: 'NA-L1-3KG', price: 240000, weightGrams: 3300, stock: 80 }],
    ocop: provincial(4, ROUND_B),
  },
  {
    seller: 'cong-ty-nong-san-chi-lang',
    name: 'Na sấy dẻo Chi Lăng',
    categoryCode: 'do-kho',
    description: p('Thịt na tách hạt, sấy lạnh ở 45 °C cho miếng dẻo, thơm mùi na chín. Không thêm đường.'),
    packagingMaterial: 'plastic',
    variants: [
      { label: 'Túi 250 g', sku: 'NA-SAY-250', price: 89000, weightGrams: 270, stock: 160, gtinItem: '03001' },
      { label: 'Hộp 500 g', sku: 'NA-SAY-500', price: 169000, weightGrams: 540, stock: 60, gtinItem: '03002' },
    ],
    ocop: provincial(3, ROUND_C),
    quality: [
      {
        kind: 'haccp',
        certificateNumber: 'HACCP-VNC-0044',
        issuer: 'Công ty CP Chứng nhận VinaCert',
        issuedMonthsAgo: 20,
      },
    ],
  },
  {
    seller: 'cong-ty-nong-san-chi-lang',
    name: 'Rượu na Chi Lăng',
    categoryCode: 'ruou',
    description: p(
      'Rượu gạo 35 độ ngâm thịt na chín trong chum sành sáu tháng, vị ngọt hậu, thơm mùi quả. Sản phẩm dành cho người trên 18 tuổi.',
    ),
    packagingMaterial: 'recyclable',
    variants: [{ label: 'Chai 500 ml', sku: 'RUOU-NA-500', price: 120000, weightGrams: 900, stock: 70 }],
  },
  {
    seller: 'cong-ty-nong-san-chi-lang',
    name: 'Mứt na dẻo',
    categoryCode: 'banh-keo-thach',
    description: p('Mứt na sên với đường phèn, dẻo và không quá ngọt, đóng hộp giấy dùng dịp Tết.'),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Hộp 300 g', sku: 'MUT-NA-300', price: 68000, weightGrams: 340, stock: 0 }],
    draft: true,
  },

  // Thạch đen Tràng Định
  {
    seller: 'cong-ty-thuc-pham-that-khe',
    name: 'Cây thạch đen khô Tràng Định',
    categoryCode: 'do-kho',
    description:
      p(
        'Cây thạch đen (sương sáo) trồng trên nương Tràng Định, phơi khô cả thân lá. 1 kg cây nấu được khoảng 25–30 lít thạch.',
      ) +
      p('Cách nấu: rửa sạch, đun với nước và một chút nước tro trong 3 giờ, lọc lấy nước, hòa bột năng rồi đổ khuôn.'),
    packagingMaterial: 'plastic',
    growingAreaCode: 'VN-LSTD-0015',
    variants: [
      { label: 'Túi 500 g', sku: 'CAY-TD-500', price: 65000, weightGrams: 500, stock: 220 },
      { label: 'Túi 1 kg', sku: 'CAY-TD-1KG', price: 120000, weightGrams: 1000, stock: 140 },
    ],
    ocop: provincial(4, ROUND_A),
  },
  {
    seller: 'cong-ty-thuc-pham-that-khe',
    name: 'Thạch đen Tràng Định ăn liền',
    categoryCode: 'banh-keo-thach',
    description: p('Thạch nấu sẵn, cắt miếng trong cốc 200 g kèm đường mía, chỉ cần thêm đá. Giữ ngăn mát 10 ngày.'),
    packagingMaterial: 'plastic',
    variants: [
      { label: 'Lốc 6 cốc', sku: 'THACH-AL-6', price: 60000, weightGrams: 1350, stock: 180, gtinItem: '04001' },
      { label: 'Thùng 24 cốc', sku: 'THACH-AL-24', price: 220000, weightGrams: 5200, stock: 45, gtinItem: '04002' },
    ],
    ocop: provincial(4, ROUND_A),
    quality: [
      {
        kind: 'food_safety',
        certificateNumber: '076/GCNATTP-SCT',
        issuer: 'Sở Công Thương Lạng Sơn',
        issuedMonthsAgo: 33,
      },
    ],
  },
  {
    seller: 'cong-ty-thuc-pham-that-khe',
    name: 'Bột thạch đen nguyên chất',
    categoryCode: 'banh-keo-thach',
    description: p(
      'Chiết từ cây thạch đen khô, sấy phun thành bột. Hòa 1 gói với 1,5 lít nước sôi, để nguội là có thạch.',
    ),
    packagingMaterial: 'recyclable',
    variants: [
      { label: 'Hộp 5 gói × 20 g', sku: 'BOT-TD-100', price: 35000, weightGrams: 130, stock: 300, gtinItem: '04003' },
    ],
    ocop: provincial(3, ROUND_D),
  },
  {
    seller: 'cong-ty-thuc-pham-that-khe',
    name: 'Trà thạch đen túi lọc',
    categoryCode: 'che-tra',
    description: p('Lá thạch đen sao vàng phối với cam thảo, hãm 5 phút: vị thanh mát, giải nhiệt mùa hè.'),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Hộp 25 túi', sku: 'TRA-TD-25', price: 55000, weightGrams: 90, stock: 130 }],
  },
  {
    seller: 'cong-ty-thuc-pham-that-khe',
    name: 'Trám đen muối Tràng Định',
    categoryCode: 'do-kho',
    description: p('Trám đen hái rừng, ủ mềm rồi muối với lá chanh, ăn kèm cơm nóng hoặc xôi.'),
    packagingMaterial: 'recyclable',
    variants: [{ label: 'Hũ 500 g', sku: 'TRAM-500', price: 70000, weightGrams: 750, stock: 60 }],
  },

  // Mẫu Sơn
  {
    seller: 'htx-nong-san-mau-son',
    name: 'Rượu Mẫu Sơn 29 độ',
    categoryCode: 'ruou',
    description:
      p(
        'Rượu thóc nương nấu với men lá rừng của người Dao Mẫu Sơn, chưng cất hai lần, hạ thổ ba tháng. Êm, thơm, không gây đau đầu.',
      ) + p('Sản phẩm dành cho người trên 18 tuổi.'),
    packagingMaterial: 'recyclable',
    variants: [
      { label: 'Chai 500 ml', sku: 'RUOU-29-500', price: 95000, weightGrams: 900, stock: 200, gtinItem: '05001' },
      { label: 'Chai 1 lít', sku: 'RUOU-29-1L', price: 170000, weightGrams: 1600, stock: 110, gtinItem: '05002' },
    ],
    ocop: provincial(4, ROUND_B),
    quality: [
      {
        kind: 'food_safety',
        certificateNumber: '031/GCNATTP-SCT',
        issuer: 'Sở Công Thương Lạng Sơn',
        issuedMonthsAgo: 34,
      },
    ],
  },
  {
    seller: 'htx-nong-san-mau-son',
    name: 'Rượu Mẫu Sơn 39 độ bình gốm',
    categoryCode: 'ruou',
    description: p(
      'Rượu men lá 39 độ trong bình gốm Phù Lãng vẽ tay, hộp gỗ thông: quà biếu. Dành cho người trên 18 tuổi.',
    ),
    packagingMaterial: 'other',
    variants: [{ label: 'Bình 2 lít', sku: 'RUOU-39-2L', price: 450000, weightGrams: 3800, stock: 40 }],
    ocop: provincial(4, ROUND_B),
  },
  {
    seller: 'htx-nong-san-mau-son',
    name: 'Chè shan tuyết Mẫu Sơn',
    categoryCode: 'che-tra',
    description: p(
      'Búp chè shan tuyết cổ thụ trên độ cao 1.000 m, sao tay trên chảo gang. Nước vàng sánh, hậu ngọt sâu.',
    ),
    packagingMaterial: 'recyclable',
    growingAreaCode: 'VN-LSMS-0008',
    variants: [
      { label: 'Hộp 200 g', sku: 'CHE-ST-200', price: 180000, weightGrams: 260, stock: 75 },
      { label: 'Hộp 500 g', sku: 'CHE-ST-500', price: 420000, weightGrams: 600, stock: 30 },
    ],
    // Rated in 2021 and not renewed: the storefront shows the certificate as expired, without stars.
    ocop: provincial(3, ROUND_EXPIRED),
  },
  {
    seller: 'htx-nong-san-mau-son',
    name: 'Đào chuông Mẫu Sơn',
    categoryCode: 'trai-cay',
    description: p(
      'Đào chín đỏ má, giòn, ngọt thanh, chỉ có vào tháng 6 và tháng 7. Giao trong vòng 2 ngày để quả còn tươi.',
    ),
    packagingMaterial: 'recyclable',
    growingAreaCode: 'VN-LSMS-0011',
    variants: [{ label: 'Hộp 2 kg', sku: 'DAO-2KG', price: 180000, weightGrams: 2200, stock: 50 }],
    quality: [
      {
        kind: 'vietgap',
        certificateNumber: 'VietGAP-TT-17-02-20-0011',
        issuer: 'Trung tâm Kiểm định và Chứng nhận hợp chuẩn hợp quy (VietCert)',
        issuedMonthsAgo: 18,
      },
    ],
  },
  {
    seller: 'htx-nong-san-mau-son',
    name: 'Thịt lợn đen Mẫu Sơn gác bếp',
    categoryCode: 'thit-che-bien',
    description: p(
      'Lợn đen thả đồi ướp mắc khén, hạt dổi rồi hun khói củi nghiến hai tuần. Hấp hoặc nướng lại trước khi ăn.',
    ),
    packagingMaterial: 'plastic',
    variants: [{ label: 'Túi hút chân không 500 g', sku: 'LON-GB-500', price: 390000, weightGrams: 520, stock: 45 }],
    ocop: provincial(3, ROUND_C),
  },

  // Mật ong Hữu Lũng
  {
    seller: 'hkd-mat-ong-hoang-lam',
    name: 'Mật ong hoa rừng Hữu Lũng',
    categoryCode: 'mat-ong',
    description:
      p(
        'Mật ong nội quay từ các đàn ong dưới tán rừng tự nhiên, độ ẩm dưới 20 %, để lâu có thể kết tinh – dấu hiệu của mật thật.',
      ) + p('Đóng chai thủy tinh, nắp thiếc.'),
    packagingMaterial: 'recyclable',
    variants: [
      { label: 'Chai 500 ml', sku: 'MO-RUNG-500', price: 250000, weightGrams: 950, stock: 120 },
      { label: 'Chai 1 lít', sku: 'MO-RUNG-1L', price: 450000, weightGrams: 1800, stock: 60 },
    ],
    ocop: provincial(3, ROUND_D),
    quality: [
      {
        kind: 'food_safety',
        certificateNumber: '208/GCNATTP-SNN',
        issuer: 'Sở Nông nghiệp và Môi trường Lạng Sơn',
        issuedMonthsAgo: 15,
      },
    ],
  },
  {
    seller: 'hkd-mat-ong-hoang-lam',
    name: 'Mật ong hoa nhãn',
    categoryCode: 'mat-ong',
    description: p('Mật vụ hoa nhãn tháng 3, màu hổ phách, thơm mùi nhãn chín, vị ngọt dịu.'),
    packagingMaterial: 'plastic',
    variants: [{ label: 'Chai 500 ml', sku: 'MO-NHAN-500', price: 180000, weightGrams: 800, stock: 90 }],
  },
  {
    seller: 'hkd-mat-ong-hoang-lam',
    name: 'Phấn hoa rừng',
    categoryCode: 'mat-ong',
    description: p('Phấn hoa ong nội lấy từ cửa tổ, sấy nhiệt độ thấp, dùng pha với mật ong và sữa chua.'),
    packagingMaterial: 'recyclable',
    variants: [{ label: 'Hũ 250 g', sku: 'PHAN-HOA-250', price: 150000, weightGrams: 400, stock: 40 }],
  },
  {
    seller: 'hkd-mat-ong-hoang-lam',
    name: 'Sáp ong nguyên chất',
    categoryCode: 'thao-duoc',
    description: p('Sáp ong lọc sạch, đổ bánh 100 g, dùng làm son dưỡng, nến thơm hoặc đánh bóng đồ gỗ.'),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Bánh 100 g', sku: 'SAP-100', price: 60000, weightGrams: 110, stock: 70 }],
  },

  // Đặc sản Xứ Lạng
  {
    seller: 'cong-ty-dac-san-xu-lang',
    name: 'Lạp sườn hun khói Lạng Sơn',
    categoryCode: 'thit-che-bien',
    description:
      p('Thịt nạc vai và mỡ phần ướp rượu Mẫu Sơn, đường phèn, hạt mắc mật, nhồi ruột non rồi hun khói củi nhãn.') +
      p('Chiên nhỏ lửa hoặc hấp cơm. Bảo quản ngăn mát 30 ngày.'),
    packagingMaterial: 'plastic',
    variants: [
      { label: 'Túi 500 g', sku: 'LAP-500', price: 160000, weightGrams: 520, stock: 150, gtinItem: '07001' },
      { label: 'Túi 1 kg', sku: 'LAP-1KG', price: 310000, weightGrams: 1030, stock: 70, gtinItem: '07002' },
    ],
    ocop: provincial(4, ROUND_C),
    quality: [
      {
        kind: 'haccp',
        certificateNumber: 'HACCP-IQC-0201',
        issuer: 'Công ty CP Chứng nhận và Giám định IQC',
        issuedMonthsAgo: 17,
      },
    ],
  },
  {
    seller: 'cong-ty-dac-san-xu-lang',
    name: 'Vịt quay mắc mật Lạng Sơn',
    categoryCode: 'thit-che-bien',
    description: p(
      'Vịt cỏ nhồi lá mắc mật, quay lò than hoa, cấp đông nhanh và hút chân không. Hâm lại bằng nồi chiên không dầu 15 phút.',
    ),
    packagingMaterial: 'plastic',
    variants: [{ label: 'Con 1,6–1,8 kg', sku: 'VIT-QUAY', price: 420000, weightGrams: 1900, stock: 35 }],
    ocop: provincial(4, ROUND_E),
  },
  {
    seller: 'cong-ty-dac-san-xu-lang',
    name: 'Khâu nhục Lạng Sơn',
    categoryCode: 'thit-che-bien',
    description: p(
      'Thịt ba chỉ hấp cách thủy với khoai môn và gia vị trong 6 giờ, cấp đông theo bát. Món không thể thiếu của mâm cỗ Tày, Nùng.',
    ),
    packagingMaterial: 'plastic',
    variants: [{ label: 'Hộp 2 bát', sku: 'KHAU-NHUC-2', price: 240000, weightGrams: 1300, stock: 40 }],
    ocop: provincial(3, ROUND_D),
  },
  {
    seller: 'cong-ty-dac-san-xu-lang',
    name: 'Thịt lợn hun khói Xứ Lạng',
    categoryCode: 'thit-che-bien',
    description: p('Thịt lợn bản ướp muối, gừng, mắc mật rồi treo gác bếp. Thái mỏng, xào tỏi tây hoặc rau cải ngồng.'),
    packagingMaterial: 'plastic',
    variants: [{ label: 'Túi 500 g', sku: 'LON-HK-500', price: 260000, weightGrams: 520, stock: 60 }],
  },
  {
    seller: 'cong-ty-dac-san-xu-lang',
    name: 'Bánh khảo Kỳ Lừa',
    categoryCode: 'banh-keo-thach',
    description: p(
      'Bột nếp rang, đường kính và mỡ nước nén khuôn hoa, nhân đậu xanh – cùi dừa. Vị ngọt bùi của bánh Tết xứ Lạng.',
    ),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Hộp 300 g', sku: 'BANH-KHAO-300', price: 55000, weightGrams: 330, stock: 100 }],
    ocop: provincial(3, ROUND_A),
  },
  {
    seller: 'cong-ty-dac-san-xu-lang',
    name: 'Bánh chưng đen',
    categoryCode: 'banh-keo-thach',
    description: p(
      'Gạo nếp trộn tro rơm nếp, nhân đậu xanh thịt ba chỉ, gói lá dong: bánh chưng của người Tày Lạng Sơn. Hút chân không, giữ ngăn mát 7 ngày.',
    ),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Cặp 2 chiếc (1,2 kg)', sku: 'CHUNG-DEN-2', price: 110000, weightGrams: 1250, stock: 80 }],
  },
  {
    seller: 'cong-ty-dac-san-xu-lang',
    name: 'Tương ớt Xứ Lạng',
    categoryCode: 'do-kho',
    description: p('Ớt chỉ thiên, tỏi và gừng xay, ủ chua tự nhiên, không phẩm màu. Chấm vịt quay, phở chua.'),
    packagingMaterial: 'recyclable',
    variants: [
      { label: 'Chai 250 ml', sku: 'TUONG-OT-250', price: 35000, weightGrams: 400, stock: 200, gtinItem: '07010' },
      { label: 'Lốc 4 chai', sku: 'TUONG-OT-4', price: 130000, weightGrams: 1600, stock: 50, gtinItem: '07011' },
    ],
  },
  {
    seller: 'cong-ty-dac-san-xu-lang',
    name: 'Phở chua khô Lạng Sơn',
    categoryCode: 'do-kho',
    description: p(
      'Bánh phở tươi sấy khô kèm gói nước sốt chua ngọt, lạc rang, khoai môn chiên: làm phở chua tại nhà trong 10 phút.',
    ),
    packagingMaterial: 'plastic',
    variants: [{ label: 'Hộp 4 suất', sku: 'PHO-CHUA-4', price: 120000, weightGrams: 900, stock: 90 }],
  },

  // Hồng không hạt Bảo Lâm
  {
    seller: 'htx-hong-khong-hat-bao-lam',
    name: 'Hồng không hạt Bảo Lâm',
    categoryCode: 'trai-cay',
    description:
      p(
        'Chỉ dẫn địa lý của Lạng Sơn: quả vuông thành, không hạt, đã khử chát, giòn ngọt. Thu hoạch tháng 9 và tháng 10.',
      ) + p('Để nơi thoáng mát, ăn trong vòng 7 ngày.'),
    packagingMaterial: 'recyclable',
    growingAreaCode: 'VN-LSOR-0052',
    variants: [
      { label: 'Hộp 2 kg', sku: 'HONG-2KG', price: 160000, weightGrams: 2200, stock: 180 },
      { label: 'Thùng 5 kg', sku: 'HONG-5KG', price: 380000, weightGrams: 5400, stock: 90 },
    ],
    ocop: provincial(4, ROUND_D),
    quality: [
      {
        kind: 'vietgap',
        certificateNumber: 'VietGAP-TT-14-03-20-0052',
        issuer: 'Trung tâm Chứng nhận Phù hợp (QUACERT)',
        issuedMonthsAgo: 27,
      },
    ],
  },
  {
    seller: 'htx-hong-khong-hat-bao-lam',
    name: 'Hồng sấy dẻo Bảo Lâm',
    categoryCode: 'do-kho',
    description: p('Hồng chín mềm bóc vỏ, sấy nhiệt thấp 48 giờ, ruột trong màu hổ phách, dẻo như kẹo.'),
    packagingMaterial: 'plastic',
    variants: [
      { label: 'Túi 250 g', sku: 'HONG-SAY-250', price: 120000, weightGrams: 270, stock: 120, gtinItem: '08001' },
      { label: 'Hộp quà 500 g', sku: 'HONG-SAY-500', price: 230000, weightGrams: 560, stock: 40, gtinItem: '08002' },
    ],
    ocop: provincial(3, ROUND_E),
  },
  {
    seller: 'htx-hong-khong-hat-bao-lam',
    name: 'Hồng treo gió',
    categoryCode: 'do-kho',
    description: p(
      'Hồng treo hiên nhà cho gió heo may hong khô tự nhiên suốt 30 ngày, lớp phấn trắng ngoài vỏ là đường kết tinh.',
    ),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Hộp 500 g', sku: 'HONG-GIO-500', price: 190000, weightGrams: 560, stock: 30 }],
  },

  // Thổ cẩm Văn Lãng
  {
    seller: 'tht-tho-cam-van-lang',
    name: 'Túi đeo chéo thổ cẩm Tày',
    categoryCode: 'det-may-tho-cam',
    description: p('Vải thổ cẩm dệt tay, hoa văn hoa quả trám và sao tám cánh, lót vải bông, quai điều chỉnh được.'),
    packagingMaterial: 'biodegradable',
    variants: [
      { label: 'Cỡ nhỏ 20 × 15 cm', sku: 'TUI-TC-NHO', price: 180000, weightGrams: 150, stock: 25 },
      { label: 'Cỡ lớn 30 × 25 cm', sku: 'TUI-TC-LON', price: 250000, weightGrams: 250, stock: 18 },
    ],
    ocop: provincial(3, ROUND_C),
  },
  {
    seller: 'tht-tho-cam-van-lang',
    name: 'Khăn quàng thổ cẩm nhuộm chàm',
    categoryCode: 'det-may-tho-cam',
    description: p('Sợi bông nhuộm chàm lá, dệt hoa văn Nùng, dài 1,8 m. Giặt tay với nước lạnh.'),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Chiếc 30 × 180 cm', sku: 'KHAN-CHAM', price: 180000, weightGrams: 200, stock: 30 }],
  },
  {
    seller: 'tht-tho-cam-van-lang',
    name: 'Vỏ gối thổ cẩm',
    categoryCode: 'luu-niem-trang-tri',
    description: p('Vỏ gối tựa 45 × 45 cm, mặt trước thổ cẩm dệt tay, mặt sau vải lanh, khóa kéo giấu.'),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Chiếc 45 × 45 cm', sku: 'GOI-TC-45', price: 120000, weightGrams: 180, stock: 40 }],
  },
  {
    seller: 'tht-tho-cam-van-lang',
    name: 'Áo chàm Nùng may tay',
    categoryCode: 'det-may-tho-cam',
    description: p(
      'Áo năm thân vải chàm tự dệt, cúc vải, đường viền thổ cẩm ở cổ và tay áo. May theo số đo gửi kèm đơn.',
    ),
    packagingMaterial: 'biodegradable',
    variants: [
      { label: 'Cỡ M', sku: 'AO-CHAM-M', price: 650000, weightGrams: 450, stock: 6 },
      { label: 'Cỡ L', sku: 'AO-CHAM-L', price: 650000, weightGrams: 480, stock: 5 },
    ],
  },
  {
    seller: 'tht-tho-cam-van-lang',
    name: 'Tranh thổ cẩm treo tường',
    categoryCode: 'luu-niem-trang-tri',
    description: p('Tấm thổ cẩm dệt hoa văn cây đời, căng khung tre 60 × 90 cm.'),
    packagingMaterial: 'other',
    variants: [{ label: 'Khung 60 × 90 cm', sku: 'TRANH-TC', price: 450000, weightGrams: 1500, stock: 8 }],
  },
  {
    seller: 'tht-tho-cam-van-lang',
    name: 'Ví cầm tay thổ cẩm',
    categoryCode: 'luu-niem-trang-tri',
    description: p('Ví nhỏ đựng tiền, thẻ, điện thoại; quà lưu niệm nhẹ, dễ mang theo.'),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Chiếc 12 × 20 cm', sku: 'VI-TC', price: 90000, weightGrams: 80, stock: 50 }],
  },

  // Du lịch cộng đồng Quỳnh Sơn
  {
    seller: 'htx-du-lich-cong-dong-quynh-son',
    name: 'Nghỉ nhà sàn Tày Quỳnh Sơn',
    categoryCode: 'du-lich-cong-dong',
    description:
      p('Một đêm trong nhà sàn gỗ giữa cánh đồng Bắc Sơn, đệm, chăn, màn riêng, bữa sáng phở chua hoặc xôi ngũ sắc.') +
      p('Nhận phòng từ 14 giờ; chủ nhà đón khách ở ngã ba Quỳnh Sơn.'),
    packagingMaterial: null,
    variants: [
      { label: '1 khách / đêm', sku: 'HOMESTAY-1', price: 250000, weightGrams: null, stock: 40 },
      { label: 'Phòng riêng 2 khách / đêm', sku: 'HOMESTAY-2', price: 600000, weightGrams: null, stock: 6 },
    ],
    ocop: provincial(3, ROUND_B),
  },
  {
    seller: 'htx-du-lich-cong-dong-quynh-son',
    name: 'Tour 2 ngày 1 đêm Bắc Sơn – Quỳnh Sơn',
    categoryCode: 'du-lich-cong-dong',
    description: p(
      'Leo đỉnh Nà Lay, thăm Bảo tàng Khởi nghĩa Bắc Sơn, hái quýt (mùa vụ), mâm cơm Tày và đêm hát then. Giá cho một khách, đoàn từ 4 người.',
    ),
    packagingMaterial: null,
    variants: [{ label: '1 khách', sku: 'TOUR-2N1D', price: 1200000, weightGrams: null, stock: 30 }],
  },
  {
    seller: 'htx-du-lich-cong-dong-quynh-son',
    name: 'Mâm cơm Tày Bắc Sơn',
    categoryCode: 'du-lich-cong-dong',
    description: p(
      'Vịt quay mắc mật, khâu nhục, rau rừng, canh măng, xôi ngũ sắc và rượu men lá cho 6 người. Đặt trước một ngày.',
    ),
    packagingMaterial: null,
    variants: [{ label: 'Mâm 6 người', sku: 'MAM-COM-6', price: 900000, weightGrams: null, stock: 10 }],
  },
  {
    seller: 'htx-du-lich-cong-dong-quynh-son',
    name: 'Trải nghiệm hái quýt tại vườn',
    categoryCode: 'du-lich-cong-dong',
    description: p('Vé vào vườn quýt tháng 11 – tháng 1, ăn quýt tại vườn không giới hạn và mang về 1 kg.'),
    packagingMaterial: null,
    variants: [{ label: 'Vé 1 khách', sku: 'VE-HAI-QUYT', price: 80000, weightGrams: null, stock: 200 }],
  },

  // Hợp tác xã Nông sản Đông Kinh (the demo seller's own shop)
  {
    seller: DEMO_ORGANISATION_SLUG,
    name: 'Gạo Bao thai Hồng Phong',
    categoryCode: 'gao-ngu-coc',
    description:
      p('Giống lúa Bao thai cấy một vụ trên ruộng Hồng Phong (Bình Gia), hạt nhỏ, cơm dẻo, để nguội vẫn mềm.') +
      p('Xay xát trong tuần, đóng túi hút chân không.'),
    packagingMaterial: 'plastic',
    growingAreaCode: 'VN-LSRC-0004',
    variants: [
      { label: 'Túi 5 kg', sku: 'DK-GAO-5KG', price: 150000, weightGrams: 5000, stock: 200, gtinItem: '09001' },
      { label: 'Bao 10 kg', sku: 'DK-GAO-10KG', price: 290000, weightGrams: 10000, stock: 90, gtinItem: '09002' },
    ],
    ocop: provincial(3, ROUND_B),
    quality: [
      {
        kind: 'vietgap',
        certificateNumber: 'VietGAP-TT-16-01-20-0004',
        issuer: 'Trung tâm Kiểm định và Chứng nhận hợp chuẩn hợp quy (VietCert)',
        issuedMonthsAgo: 22,
      },
    ],
  },
  {
    seller: DEMO_ORGANISATION_SLUG,
    name: 'Măng khô Đình Lập',
    categoryCode: 'do-kho',
    description: p('Măng vầu rừng luộc, phơi nắng hai tuần đến khi vàng óng. Ngâm nước vo gạo một đêm trước khi nấu.'),
    packagingMaterial: 'plastic',
    variants: [{ label: 'Túi 500 g', sku: 'DK-MANG-500', price: 170000, weightGrams: 500, stock: 110 }],
    ocop: provincial(3, ROUND_D),
  },
  {
    seller: DEMO_ORGANISATION_SLUG,
    name: 'Nấm hương rừng',
    categoryCode: 'do-kho',
    description: p('Nấm hương mọc trên thân gỗ dẻ mục, mũ dày, vân nứt, sấy than hoa. Thơm đậm khi hầm gà, nấu miến.'),
    packagingMaterial: 'recyclable',
    variants: [
      { label: 'Túi 200 g', sku: 'DK-NAM-200', price: 115000, weightGrams: 200, stock: 80 },
      { label: 'Túi 500 g', sku: 'DK-NAM-500', price: 270000, weightGrams: 500, stock: 45 },
    ],
  },
  {
    seller: DEMO_ORGANISATION_SLUG,
    name: 'Hạt mắc mật khô',
    categoryCode: 'gia-vi',
    description: p('Quả mắc mật phơi khô, mùi thơm ấm của vịt quay Lạng Sơn. Giã nhỏ ướp thịt nướng, lạp sườn.'),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Túi 200 g', sku: 'DK-MACMAT-200', price: 60000, weightGrams: 200, stock: 150 }],
  },
  {
    seller: DEMO_ORGANISATION_SLUG,
    name: 'Miến dong Lạng Sơn',
    categoryCode: 'do-kho',
    description: p('Tinh bột củ dong riềng tráng tay, phơi nắng, sợi dai không nát. Trụng 2 phút là dùng được.'),
    packagingMaterial: 'plastic',
    variants: [{ label: 'Túi 500 g', sku: 'DK-MIEN-500', price: 55000, weightGrams: 500, stock: 160 }],
    quality: [
      {
        kind: 'food_safety',
        certificateNumber: '154/GCNATTP-SCT',
        issuer: 'Sở Công Thương Lạng Sơn',
        issuedMonthsAgo: 18,
      },
    ],
  },
  {
    seller: DEMO_ORGANISATION_SLUG,
    name: 'Khoai môn Bình Gia',
    categoryCode: 'rau-cu',
    description: p(
      'Khoai môn ruột trắng vân tím, bở và thơm, dùng làm khâu nhục, nấu canh xương. Giao theo mùa từ tháng 9.',
    ),
    packagingMaterial: 'recyclable',
    variants: [{ label: 'Thùng 3 kg', sku: 'DK-KHOAI-3KG', price: 120000, weightGrams: 3100, stock: 70 }],
  },
  {
    seller: DEMO_ORGANISATION_SLUG,
    name: 'Lạc đỏ Lộc Bình',
    categoryCode: 'gao-ngu-coc',
    description: p('Lạc đỏ củ nhỏ, hai hạt, phơi khô cả vỏ. Rang muối, nấu xôi hoặc làm kẹo lạc.'),
    packagingMaterial: 'biodegradable',
    variants: [{ label: 'Túi 1 kg', sku: 'DK-LAC-1KG', price: 75000, weightGrams: 1000, stock: 130 }],
  },
];
