import type { ParticipantType } from '../training/participant-types.js';

/**
 * The KPIs the provincial plans set, merged across the five plans as in §2 of
 * shared/domain/plans-and-kpis.md (`catalogueRefs` are its K-xx ids). Ids are stable: plan targets,
 * external figures and the future metrics engine refer to them, so an id is never renamed or reused.
 *
 * `method` says where a value comes from:
 * - `computed`: from the platform's own data alone;
 * - `external_ratio`: a platform numerator over a province-wide figure officers enter per year
 *   (`figureKeys` names which), so the value is a platform-scoped lower bound of the plan's indicator;
 * - `recorded`: not observable by a marketplace; officers enter the value itself per year as an
 *   external figure whose key is the KPI id.
 */

export const KPI_UNITS = ['percent', 'count', 'participations', 'vnd', 'days', 'rank'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export const KPI_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export const KPI_METHODS = ['computed', 'recorded', 'external_ratio'] as const;
export type KpiMethod = (typeof KPI_METHODS)[number];

export const KPI_GROUPS = [
  'sellers',
  'products',
  'traceability',
  'payments',
  'invoices',
  'logistics',
  'training',
  'compliance',
  'complaints',
  'cross_border',
  'sales',
  'green',
  'digital_government',
  'events',
] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

/** Where the platform data behind a KPI lives (the modules being built alongside this one). */
export type KpiDataSource =
  | 'organisations'
  | 'communes'
  | 'products'
  | 'orders'
  | 'payments'
  | 'invoices'
  | 'shipments'
  | 'traceability'
  | 'training'
  | 'complaints'
  | 'external_figures';

export interface KpiNeed {
  source: KpiDataSource;
  detail: string;
}

export interface KpiDefinition {
  id: string;
  catalogueRefs: readonly string[];
  group: KpiGroup;
  nameVi: string;
  nameEn: string;
  unit: KpiUnit;
  direction: KpiDirection;
  method: KpiMethod;
  /** External figure keys the value cannot be worked out without (for `recorded`, the KPI's own id). */
  figureKeys: readonly string[];
  /** How the value is worked out, precisely enough to implement. */
  definition: string;
  /** True when the plan means the whole province and the platform only sees its own slice. */
  platformScoped: boolean;
  needs: readonly KpiNeed[];
  /** Training KPIs that count only some participants or events (BG splits officials from the rest). */
  filter?: { participantTypes?: readonly ParticipantType[]; eventAudience?: readonly ParticipantType[] };
  /** Parameters a target may set, with their defaults. */
  defaultParams?: { withinDays?: number };
  /** Growth rates can be negative or above 100 %; every other percentage is a share. */
  unbounded?: boolean;
  defaultBasis?: 'at_year' | 'cumulative' | 'each_year';
}

/** Province-wide figures a ratio needs as its denominator; officers enter them per year with a source. */
export interface FigureDefinition {
  key: string;
  nameVi: string;
  nameEn: string;
  unit: 'count' | 'persons' | 'vnd';
  description: string;
}

export const FIGURES: readonly FigureDefinition[] = [
  {
    key: 'enterprises_registered',
    nameVi: 'Số doanh nghiệp đang hoạt động trên địa bàn tỉnh',
    nameEn: 'Enterprises operating in the province',
    unit: 'count',
    description: 'Active enterprises at the end of the year, from the business registry or the statistics office.',
  },
  {
    key: 'smes_registered',
    nameVi: 'Số doanh nghiệp nhỏ và vừa đang hoạt động trên địa bàn tỉnh',
    nameEn: 'Small and medium enterprises operating in the province',
    unit: 'count',
    description: 'Active SMEs (Decree 80/2021 criteria) at the end of the year.',
  },
  {
    key: 'cooperatives_registered',
    nameVi: 'Số hợp tác xã đang hoạt động trên địa bàn tỉnh',
    nameEn: 'Cooperatives operating in the province',
    unit: 'count',
    description: 'Active cooperatives at the end of the year, e.g. from the provincial cooperative alliance.',
  },
  {
    key: 'adult_population',
    nameVi: 'Dân số trưởng thành của tỉnh',
    nameEn: 'Adult population of the province',
    unit: 'persons',
    description: 'Adults living in the province; the source should state the age threshold the statistics use.',
  },
  {
    key: 'total_retail_sales',
    nameVi: 'Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng của tỉnh',
    nameEn: 'Total retail sales of goods and consumer services in the province',
    unit: 'vnd',
    description: 'For the whole year, in đồng (the statistics office publishes it in billions of đồng).',
  },
  {
    key: 'ecommerce_officials',
    nameVi: 'Số cán bộ, công chức phụ trách lĩnh vực thương mại điện tử',
    nameEn: 'Civil servants in charge of e-commerce',
    unit: 'persons',
    description: 'Officials whose duties include e-commerce management, inspection or enforcement.',
  },
  {
    key: 'ocop_products_3_star_plus',
    nameVi: 'Số sản phẩm OCOP đạt từ 3 sao trở lên còn hiệu lực',
    nameEn: 'OCOP products rated 3 stars or more with a valid certificate',
    unit: 'count',
    description: 'From the provincial OCOP register at the end of the year.',
  },
];

const ACTIVE_SELLER = 'an approved organisation with at least one published listing or one order in the year';
const ORGANISATION_NEED: KpiNeed = {
  source: 'organisations',
  detail: 'legal_type, is_sme, commune_code, status and approved_at; activity per year (published listings or orders)',
};

function recorded(
  kpi: Omit<KpiDefinition, 'method' | 'figureKeys' | 'platformScoped' | 'needs'> & { needs?: readonly KpiNeed[] },
): KpiDefinition {
  return {
    ...kpi,
    method: 'recorded',
    figureKeys: [kpi.id],
    platformScoped: false,
    needs: kpi.needs ?? [
      { source: 'external_figures', detail: `the value itself, entered per year under the key ${kpi.id}` },
    ],
  };
}

export const KPI_CATALOGUE: readonly KpiDefinition[] = [
  // 2.1 Seller participation
  {
    id: 'sellers.active_share_enterprises',
    catalogueRefs: ['K-01'],
    group: 'sellers',
    nameVi: 'Tỷ lệ doanh nghiệp ứng dụng thương mại điện tử',
    nameEn: 'Enterprises applying e-commerce',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['enterprises_registered'],
    definition: `Enterprises (legal_type enterprise) that are active sellers, ${ACTIVE_SELLER}, over enterprises_registered.`,
    platformScoped: true,
    needs: [ORGANISATION_NEED, { source: 'external_figures', detail: 'enterprises_registered' }],
  },
  {
    id: 'sellers.active_share_smes',
    catalogueRefs: ['K-02'],
    group: 'sellers',
    nameVi: 'Tỷ lệ doanh nghiệp nhỏ và vừa kinh doanh trên nền tảng thương mại điện tử',
    nameEn: 'SMEs doing business on e-commerce platforms',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['smes_registered'],
    definition: `Enterprises flagged is_sme that are active sellers, ${ACTIVE_SELLER}, over smes_registered.`,
    platformScoped: true,
    needs: [ORGANISATION_NEED, { source: 'external_figures', detail: 'smes_registered' }],
  },
  {
    id: 'sellers.active_share_cooperatives',
    catalogueRefs: ['K-03'],
    group: 'sellers',
    nameVi: 'Tỷ lệ hợp tác xã kinh doanh trên nền tảng thương mại điện tử',
    nameEn: 'Cooperatives doing business on e-commerce platforms',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['cooperatives_registered'],
    definition: `Cooperatives (legal_type cooperative) that are active sellers, ${ACTIVE_SELLER}, over cooperatives_registered.`,
    platformScoped: true,
    needs: [ORGANISATION_NEED, { source: 'external_figures', detail: 'cooperatives_registered' }],
  },
  {
    id: 'communes.with_active_seller',
    catalogueRefs: ['K-04'],
    group: 'sellers',
    nameVi: 'Tỷ lệ xã, phường có thương nhân bán hàng hóa, cung ứng dịch vụ trực tuyến',
    nameEn: 'Communes and wards with a merchant selling online',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      `Communes, wards and special zones of the province (in force in the year) where at least one seller is based that is ${ACTIVE_SELLER}, ` +
      'over all communes, wards and special zones of the province. A lower bound: the plans count any online channel.',
    platformScoped: true,
    needs: [
      ORGANISATION_NEED,
      { source: 'communes', detail: 'communes of the province in force in the year (denominator)' },
    ],
  },
  {
    id: 'sellers.enterprises_on_marketplaces_share',
    catalogueRefs: ['K-05'],
    group: 'sellers',
    nameVi: 'Tỷ lệ doanh nghiệp tham gia sàn giao dịch thương mại điện tử của tỉnh và các sàn khác',
    nameEn: 'Enterprises on the provincial e-commerce floor and other marketplaces',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['enterprises_registered'],
    definition: `Enterprises that are active sellers here or declare a store on another marketplace (marketplace_stores), over enterprises_registered.`,
    platformScoped: true,
    needs: [
      ORGANISATION_NEED,
      { source: 'organisations', detail: 'marketplace_stores' },
      { source: 'external_figures', detail: 'enterprises_registered' },
    ],
  },
  {
    id: 'sellers.own_website_share_enterprises',
    catalogueRefs: ['K-06'],
    group: 'sellers',
    nameVi: 'Tỷ lệ doanh nghiệp có website riêng để quảng bá thương hiệu, sản phẩm',
    nameEn: 'Enterprises with their own website',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['enterprises_registered'],
    definition: 'Approved enterprise sellers with a website_url, over enterprises_registered.',
    platformScoped: true,
    needs: [
      { source: 'organisations', detail: 'legal_type, status, website_url' },
      { source: 'external_figures', detail: 'enterprises_registered' },
    ],
  },
  {
    id: 'sellers.onboarded',
    catalogueRefs: ['K-07'],
    group: 'sellers',
    nameVi: 'Số tổ chức, doanh nghiệp mới tham gia sàn',
    nameEn: 'Selling organisations onboarded',
    unit: 'count',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition: 'Organisations whose first approval (organisation_status_changes to approved) falls in the year.',
    platformScoped: true,
    needs: [{ source: 'organisations', detail: 'organisation_status_changes (first pending → approved)' }],
    defaultBasis: 'each_year',
  },
  recorded({
    id: 'sellers.supported_to_join_large_marketplaces',
    catalogueRefs: ['K-07'],
    group: 'sellers',
    nameVi: 'Số doanh nghiệp được hỗ trợ tham gia các sàn thương mại điện tử lớn trong và ngoài nước',
    nameEn: 'Enterprises supported to join large domestic and foreign marketplaces',
    unit: 'count',
    direction: 'higher_is_better',
    definition: 'Entered by officers per year from the support programme records.',
    defaultBasis: 'each_year',
  }),
  recorded({
    id: 'sellers.brand_identity_kits',
    catalogueRefs: ['K-07'],
    group: 'sellers',
    nameVi: 'Số doanh nghiệp được hỗ trợ bộ nhận diện thương hiệu trực tuyến',
    nameEn: 'Enterprises given an online brand-identity kit',
    unit: 'count',
    direction: 'higher_is_better',
    definition: 'Entered by officers per year from the support programme records.',
    defaultBasis: 'each_year',
  }),
  recorded({
    id: 'sellers.consumer_friendly_certified',
    catalogueRefs: ['K-72'],
    group: 'compliance',
    nameVi: 'Số doanh nghiệp đạt bộ tiêu chí doanh nghiệp vì người tiêu dùng trong thương mại điện tử',
    nameEn: 'Enterprises meeting the consumer-friendly enterprise criteria',
    unit: 'count',
    direction: 'higher_is_better',
    definition: 'Entered by officers per year; no plan sets a number.',
  }),

  // 2.2 Products and OCOP listing
  {
    id: 'products.ocop_3star_collective_store_share',
    catalogueRefs: ['K-10'],
    group: 'products',
    nameVi:
      'Tỷ lệ sản phẩm OCOP từ 3 sao trở lên có gian hàng tập thể tích hợp truy xuất nguồn gốc, chứng nhận VietGAP/HACCP, thanh toán không dùng tiền mặt và logistics xanh',
    nameEn:
      'OCOP products rated 3 stars or more in collective stores with traceability, certification, cashless payment and green logistics',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['ocop_products_3_star_plus'],
    definition:
      'Published OCOP products with a valid certificate of 3 stars or more, in a collective store, with a traceability code, ' +
      'a VietGAP or HACCP certificate, a non-cash payment option and green logistics, over ocop_products_3_star_plus.',
    platformScoped: true,
    needs: [
      {
        source: 'products',
        detail:
          'OCOP certificate (stars, validity), collective-store membership, quality certificates, green logistics flag',
      },
      { source: 'traceability', detail: 'traceability code per product' },
      { source: 'external_figures', detail: 'ocop_products_3_star_plus' },
    ],
  },
  {
    id: 'products.priority_listings',
    catalogueRefs: ['K-11'],
    group: 'products',
    nameVi: 'Số sản phẩm OCOP, sản phẩm chủ lực, đặc trưng đang bày bán',
    nameEn: 'OCOP, key and characteristic products listed',
    unit: 'count',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Published products of approved sellers tagged OCOP or with a priority category tag, at the end of the year.',
    platformScoped: true,
    needs: [{ source: 'products', detail: 'status, OCOP certificate, category tags' }],
  },
  {
    id: 'products.qr_traceability_share',
    catalogueRefs: ['K-20'],
    group: 'traceability',
    nameVi: 'Tỷ lệ sản phẩm OCOP, nông sản chủ lực có truy xuất nguồn gốc mã QR',
    nameEn: 'OCOP and key agricultural products with QR traceability',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Published OCOP or key agricultural products with a traceability code, over all such published products.',
    platformScoped: true,
    needs: [
      { source: 'products', detail: 'status, OCOP certificate, key-product tag' },
      { source: 'traceability', detail: 'traceability code (QR payload) per product or batch' },
    ],
  },
  {
    id: 'traceability.scans',
    catalogueRefs: ['K-21'],
    group: 'traceability',
    nameVi: 'Số lượt quét mã truy xuất nguồn gốc',
    nameEn: 'Traceability code scans',
    unit: 'count',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition: 'Scan events of traceability codes in the year.',
    platformScoped: true,
    needs: [{ source: 'traceability', detail: 'scan events with timestamp' }],
  },

  // 2.4 Payments
  {
    id: 'payments.non_cash_share_by_count',
    catalogueRefs: ['K-30'],
    group: 'payments',
    nameVi: 'Tỷ lệ thanh toán không dùng tiền mặt trong thương mại điện tử (theo số đơn hàng)',
    nameEn: 'Non-cash payment in e-commerce, by number of orders',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Orders paid in the year by a non-cash method (transfer, QR, e-wallet, card), over all paid orders (COD included), cancelled orders excluded.',
    platformScoped: true,
    needs: [{ source: 'payments', detail: 'method (COD/cash or non-cash), status, paid_at per order' }],
  },
  {
    id: 'payments.non_cash_share_by_value',
    catalogueRefs: ['K-30'],
    group: 'payments',
    nameVi: 'Tỷ lệ thanh toán không dùng tiền mặt trong thương mại điện tử (theo giá trị)',
    nameEn: 'Non-cash payment in e-commerce, by value',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition: 'Đồng paid in the year by non-cash methods, over đồng paid by all methods, net of refunds.',
    platformScoped: true,
    needs: [{ source: 'payments', detail: 'method, amount, status, paid_at, refunds' }],
  },
  recorded({
    id: 'payments.outlets_accepting_e_payment_share',
    catalogueRefs: ['K-31'],
    group: 'payments',
    nameVi:
      'Tỷ lệ siêu thị, trung tâm thương mại, cơ sở phân phối hiện đại, cơ sở cung cấp điện, nước, viễn thông sử dụng thanh toán điện tử',
    nameEn: 'Modern retail outlets and utilities accepting e-payment',
    unit: 'percent',
    direction: 'higher_is_better',
    definition: 'Not a marketplace metric; entered by officers per year.',
  }),

  // 2.5 E-invoices
  {
    id: 'invoices.share_of_orders',
    catalogueRefs: ['K-40'],
    group: 'invoices',
    nameVi: 'Tỷ lệ giao dịch trên nền tảng thương mại điện tử có hóa đơn điện tử',
    nameEn: 'E-commerce transactions with an e-invoice',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Orders completed in the year that have an issued e-invoice linked to them, over all orders completed in the year.',
    platformScoped: true,
    needs: [
      { source: 'orders', detail: 'status, completed_at' },
      { source: 'invoices', detail: 'order ↔ invoice link, issued status, issue date' },
    ],
  },

  // 2.6 Logistics
  {
    id: 'logistics.last_mile_cost_share',
    catalogueRefs: ['K-50'],
    group: 'logistics',
    nameVi: 'Chi phí trung bình cho giao hàng chặng cuối so với doanh thu',
    nameEn: 'Average last-mile delivery cost as a share of revenue',
    unit: 'percent',
    direction: 'lower_is_better',
    method: 'computed',
    figureKeys: [],
    definition: 'Carrier fees of orders delivered in the year, over the goods revenue of the same orders.',
    platformScoped: true,
    needs: [
      { source: 'shipments', detail: 'actual carrier fee, delivered_at' },
      { source: 'orders', detail: 'goods revenue per order' },
    ],
  },
  recorded({
    id: 'logistics.clean_energy_share_enterprises',
    catalogueRefs: ['K-51'],
    group: 'green',
    nameVi: 'Tỷ lệ doanh nghiệp sử dụng năng lượng sạch trong logistics cho thương mại điện tử',
    nameEn: 'Enterprises using clean energy in e-commerce logistics',
    unit: 'percent',
    direction: 'higher_is_better',
    definition: 'Entered by officers per year; carriers do not report their fleet energy to the platform.',
  }),
  {
    id: 'logistics.same_day_delivery_share',
    catalogueRefs: ['K-52'],
    group: 'logistics',
    nameVi: 'Tỷ lệ đơn hàng giao trong ngày',
    nameEn: 'Orders delivered the same day',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Orders delivered on the calendar day (Asia/Ho_Chi_Minh) they were handed to the carrier, over all delivered orders.',
    platformScoped: true,
    needs: [{ source: 'shipments', detail: 'picked_up_at, delivered_at' }],
  },
  recorded({
    id: 'logistics.digital_border_gate_share',
    catalogueRefs: ['K-53'],
    group: 'cross_border',
    nameVi: 'Tỷ lệ doanh nghiệp khai báo trực tuyến và được xử lý trên Nền tảng cửa khẩu số',
    nameEn: 'Enterprises declaring online on the Digital Border-Gate Platform',
    unit: 'percent',
    direction: 'higher_is_better',
    definition: 'Not a marketplace metric; entered by officers per year from the border-gate platform.',
  }),

  // 2.7 Training
  {
    id: 'training.participations',
    catalogueRefs: ['K-60'],
    group: 'training',
    nameVi: 'Số lượt người được đào tạo, tập huấn về thương mại điện tử',
    nameEn: 'Participations in e-commerce training',
    unit: 'participations',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Attended participations (lượt, not unique people) in training events that start in the period: trainingStats().participations.',
    platformScoped: false,
    needs: [{ source: 'training', detail: 'training_events, training_participations (attended)' }],
    defaultBasis: 'cumulative',
  },
  {
    id: 'training.participations_officials',
    catalogueRefs: ['K-60'],
    group: 'training',
    nameVi: 'Số lượt cán bộ quản lý nhà nước được đào tạo, tập huấn về thương mại điện tử',
    nameEn: 'Participations of state officials in e-commerce training',
    unit: 'participations',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'As training.participations, counting participant type official only: trainingStats().byParticipantType.official.',
    platformScoped: false,
    needs: [{ source: 'training', detail: 'participant_type' }],
    filter: { participantTypes: ['official'] },
    defaultBasis: 'cumulative',
  },
  {
    id: 'training.participations_business_youth_students',
    catalogueRefs: ['K-60'],
    group: 'training',
    nameVi:
      'Số lượt cán bộ doanh nghiệp, thanh niên khởi nghiệp, sinh viên được đào tạo, tập huấn về thương mại điện tử',
    nameEn: 'Participations of enterprise staff, start-up youth and students in e-commerce training',
    unit: 'participations',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition: 'As training.participations, counting participant types enterprise_staff, startup_youth and student.',
    platformScoped: false,
    needs: [{ source: 'training', detail: 'participant_type' }],
    filter: { participantTypes: ['enterprise_staff', 'startup_youth', 'student'] },
    defaultBasis: 'cumulative',
  },
  {
    id: 'training.events',
    catalogueRefs: ['K-61'],
    group: 'training',
    nameVi: 'Số lớp đào tạo, tập huấn về thương mại điện tử',
    nameEn: 'E-commerce training classes held',
    unit: 'count',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition: 'Training events that start in the period: trainingStats().events.',
    platformScoped: false,
    needs: [{ source: 'training', detail: 'training_events' }],
    defaultBasis: 'each_year',
  },
  {
    id: 'training.events_for_officials',
    catalogueRefs: ['K-61'],
    group: 'training',
    nameVi: 'Số lớp tập huấn pháp luật về thương mại điện tử cho cán bộ quản lý nhà nước',
    nameEn: 'Training classes for state officials',
    unit: 'count',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Training events of the period whose audience includes official: trainingStats().eventsByAudience.official.',
    platformScoped: false,
    needs: [{ source: 'training', detail: 'training_events.audience' }],
    filter: { eventAudience: ['official'] },
    defaultBasis: 'each_year',
  },
  {
    id: 'training.events_for_business_youth_students',
    catalogueRefs: ['K-61'],
    group: 'training',
    nameVi: 'Số lớp bồi dưỡng thương mại điện tử cho cán bộ doanh nghiệp, thanh niên khởi nghiệp, sinh viên',
    nameEn: 'Training classes for enterprise staff, start-up youth and students',
    unit: 'count',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Training events of the period whose audience includes enterprise_staff, startup_youth or student (each event counted once).',
    platformScoped: false,
    needs: [{ source: 'training', detail: 'training_events.audience' }],
    filter: { eventAudience: ['enterprise_staff', 'startup_youth', 'student'] },
    defaultBasis: 'each_year',
  },
  {
    id: 'training.officials_trained_share',
    catalogueRefs: ['K-62'],
    group: 'training',
    nameVi: 'Tỷ lệ cán bộ, công chức phụ trách lĩnh vực thương mại điện tử được bồi dưỡng',
    nameEn: 'Civil servants in charge of e-commerce who were trained',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['ecommerce_officials'],
    definition:
      'Distinct officials (by phone, else by name) who attended training since the start of the plan period: trainingStats().distinctPeopleByType.official, over ecommerce_officials.',
    platformScoped: false,
    needs: [
      { source: 'training', detail: 'participations of type official with phone or name' },
      { source: 'external_figures', detail: 'ecommerce_officials' },
    ],
  },
  recorded({
    id: 'education.institutions_teaching_ecommerce_share',
    catalogueRefs: ['K-63'],
    group: 'training',
    nameVi:
      'Tỷ lệ cơ sở giáo dục đại học, cao đẳng, giáo dục nghề nghiệp triển khai đào tạo chuyên ngành thương mại điện tử',
    nameEn: 'Universities, colleges and vocational schools teaching e-commerce',
    unit: 'percent',
    direction: 'higher_is_better',
    definition: 'Entered by officers per year, for the kind of institutions the plan names.',
  }),

  // 2.8 Consumer protection and compliance
  recorded({
    id: 'compliance.violating_websites_share',
    catalogueRefs: ['K-70'],
    group: 'compliance',
    nameVi: 'Tỷ lệ website thương mại điện tử vi phạm quyền lợi người tiêu dùng',
    nameEn: 'E-commerce websites violating consumer rights, as a share of all',
    unit: 'percent',
    direction: 'lower_is_better',
    definition: 'Entered by officers per year from inspection and market-surveillance results.',
  }),
  recorded({
    id: 'compliance.violating_websites',
    catalogueRefs: ['K-70'],
    group: 'compliance',
    nameVi: 'Số website thương mại điện tử vi phạm quyền lợi người tiêu dùng',
    nameEn: 'E-commerce websites violating consumer rights',
    unit: 'count',
    direction: 'lower_is_better',
    definition: 'Entered by officers per year from inspection and market-surveillance results.',
  }),
  recorded({
    id: 'compliance.inspections',
    catalogueRefs: ['K-71'],
    group: 'compliance',
    nameVi: 'Số cuộc thanh tra, kiểm tra về lĩnh vực thương mại điện tử',
    nameEn: 'E-commerce inspections',
    unit: 'count',
    direction: 'higher_is_better',
    definition: 'Entered by officers per year.',
    defaultBasis: 'each_year',
  }),
  {
    id: 'complaints.received',
    catalogueRefs: ['K-70', 'T-130'],
    group: 'complaints',
    nameVi: 'Số phản ánh, khiếu nại của người tiêu dùng được tiếp nhận',
    nameEn: 'Consumer complaints received',
    unit: 'count',
    direction: 'lower_is_better',
    method: 'computed',
    figureKeys: [],
    definition: 'Complaints received in the period: complaintStats().received.',
    platformScoped: true,
    needs: [{ source: 'complaints', detail: 'received_at' }],
  },
  {
    id: 'complaints.resolved_share',
    catalogueRefs: ['K-70', 'T-130'],
    group: 'complaints',
    nameVi: 'Tỷ lệ phản ánh, khiếu nại đã được giải quyết',
    nameEn: 'Complaints resolved',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Of the complaints received in the period, those resolved, over those not rejected: complaintStats().resolvedShare.',
    platformScoped: true,
    needs: [{ source: 'complaints', detail: 'status, received_at' }],
  },
  {
    id: 'complaints.resolved_within_days',
    catalogueRefs: ['K-70', 'T-130'],
    group: 'complaints',
    nameVi: 'Tỷ lệ phản ánh, khiếu nại được giải quyết trong thời hạn',
    nameEn: 'Complaints resolved within the time limit',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Of the complaints received in the period and not rejected, those resolved within params.withinDays days (24-hour days) of receipt: ' +
      'complaintStats(from, to, { withinDays }).resolvedWithinDays.',
    platformScoped: true,
    needs: [{ source: 'complaints', detail: 'status, received_at, resolved_at' }],
    defaultParams: { withinDays: 15 },
  },
  {
    id: 'complaints.average_days_to_resolve',
    catalogueRefs: ['K-70', 'T-130'],
    group: 'complaints',
    nameVi: 'Thời gian giải quyết phản ánh, khiếu nại bình quân',
    nameEn: 'Average time to resolve a complaint',
    unit: 'days',
    direction: 'lower_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Mean of resolved_at − received_at in days over the resolved complaints received in the period: complaintStats().averageDaysToResolve.',
    platformScoped: true,
    needs: [{ source: 'complaints', detail: 'received_at, resolved_at' }],
  },

  // 2.9 Cross-border
  {
    id: 'orders.cross_border',
    catalogueRefs: ['K-80'],
    group: 'cross_border',
    nameVi: 'Số đơn hàng thương mại điện tử xuyên biên giới',
    nameEn: 'Cross-border e-commerce orders',
    unit: 'count',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition: 'Orders completed in the year whose delivery country is not Vietnam.',
    platformScoped: true,
    needs: [{ source: 'orders', detail: 'delivery country, status, completed_at' }],
  },

  // 2.10 Revenue and market adoption
  {
    id: 'sales.gmv_growth',
    catalogueRefs: ['K-90'],
    group: 'sales',
    nameVi: 'Tăng trưởng doanh số thương mại điện tử',
    nameEn: 'Growth of e-commerce sales',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'GMV of completed orders in the year, net of cancellations and refunds, over the previous year’s, minus 100 %.',
    platformScoped: true,
    needs: [{ source: 'orders', detail: 'goods value, status, completed_at, refunds' }],
    unbounded: true,
    defaultBasis: 'each_year',
  },
  {
    id: 'sales.retail_gmv_growth',
    catalogueRefs: ['K-90'],
    group: 'sales',
    nameVi: 'Tăng trưởng doanh số bán lẻ thương mại điện tử',
    nameEn: 'Growth of retail e-commerce sales',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition: 'As sales.gmv_growth, counting orders placed by consumers (B2C) only.',
    platformScoped: true,
    needs: [{ source: 'orders', detail: 'goods value, B2C/B2B flag, status, completed_at, refunds' }],
    unbounded: true,
    defaultBasis: 'each_year',
  },
  {
    id: 'sales.retail_share_of_total_retail',
    catalogueRefs: ['K-91'],
    group: 'sales',
    nameVi: 'Tỷ trọng doanh số bán lẻ thương mại điện tử trong tổng mức bán lẻ hàng hóa, dịch vụ của tỉnh',
    nameEn: 'Retail e-commerce sales as a share of total retail sales',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['total_retail_sales'],
    definition: 'B2C GMV of the year in đồng (net of cancellations and refunds), over total_retail_sales.',
    platformScoped: true,
    needs: [
      { source: 'orders', detail: 'goods value, B2C flag, status, completed_at' },
      { source: 'external_figures', detail: 'total_retail_sales' },
    ],
  },
  {
    id: 'buyers.adult_population_share',
    catalogueRefs: ['K-92'],
    group: 'sales',
    nameVi: 'Tỷ lệ dân số trưởng thành tham gia mua sắm trực tuyến',
    nameEn: 'Adult population shopping online',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['adult_population'],
    definition: 'Distinct buyers with a completed order delivered in the province in the year, over adult_population.',
    platformScoped: true,
    needs: [
      { source: 'orders', detail: 'buyer id, delivery province, status, completed_at' },
      { source: 'external_figures', detail: 'adult_population' },
    ],
  },
  recorded({
    id: 'index.ecommerce_index_rank',
    catalogueRefs: ['K-93'],
    group: 'sales',
    nameVi: 'Xếp hạng Chỉ số Thương mại điện tử Việt Nam của tỉnh',
    nameEn: 'Rank in the Vietnam E-commerce Index',
    unit: 'rank',
    direction: 'lower_is_better',
    definition: 'Entered by officers when the index is published.',
  }),

  // 2.11 Green e-commerce
  {
    id: 'products.plastic_packaging_share',
    catalogueRefs: ['K-95'],
    group: 'green',
    nameVi: 'Tỷ lệ sản phẩm trong thương mại điện tử sử dụng bao bì nhựa',
    nameEn: 'E-commerce products in plastic packaging',
    unit: 'percent',
    direction: 'lower_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Published products whose packaging material is plastic, over published products with a declared packaging material.',
    platformScoped: true,
    needs: [{ source: 'products', detail: 'packaging material (plastic / recyclable / biodegradable / other)' }],
  },
  {
    id: 'products.recyclable_packaging_share',
    catalogueRefs: ['K-96'],
    group: 'green',
    nameVi: 'Tỷ lệ sản phẩm trong thương mại điện tử sử dụng bao bì là chất liệu có thể tái chế',
    nameEn: 'E-commerce products in recyclable packaging',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'computed',
    figureKeys: [],
    definition:
      'Published products whose packaging material is recyclable, over published products with a declared packaging material.',
    platformScoped: true,
    needs: [{ source: 'products', detail: 'packaging material' }],
  },
  {
    id: 'sellers.green_packaging_standard_share',
    catalogueRefs: ['K-97'],
    group: 'green',
    nameVi: 'Tỷ lệ doanh nghiệp áp dụng tiêu chuẩn đóng gói xanh cho thương mại điện tử',
    nameEn: 'Enterprises applying green-packaging standards',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['enterprises_registered'],
    definition: 'Approved enterprise sellers with a green-packaging attestation, over enterprises_registered.',
    platformScoped: true,
    needs: [
      { source: 'organisations', detail: 'green-packaging attestation (not yet recorded)' },
      { source: 'external_figures', detail: 'enterprises_registered' },
    ],
  },
  {
    id: 'sellers.sustainable_criteria_share',
    catalogueRefs: ['K-98'],
    group: 'green',
    nameVi: 'Tỷ lệ doanh nghiệp đáp ứng bộ tiêu chí quốc gia về thương mại điện tử bền vững',
    nameEn: 'Enterprises meeting the national sustainable e-commerce criteria',
    unit: 'percent',
    direction: 'higher_is_better',
    method: 'external_ratio',
    figureKeys: ['enterprises_registered'],
    definition: 'Approved enterprise sellers certified against the national criteria, over enterprises_registered.',
    platformScoped: true,
    needs: [
      { source: 'organisations', detail: 'sustainable e-commerce certification (not yet recorded)' },
      { source: 'external_figures', detail: 'enterprises_registered' },
    ],
  },

  // 2.12 Digital government: outside the marketplace, kept so that a plan's report is complete
  recorded({
    id: 'egov.online_public_services_share',
    catalogueRefs: ['K-99'],
    group: 'digital_government',
    nameVi: 'Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến từ mức độ 3 trở lên',
    nameEn: 'Administrative procedures offered as level 3–4 online public services',
    unit: 'percent',
    direction: 'higher_is_better',
    definition: 'Not a marketplace metric; entered by officers per year.',
  }),
  recorded({
    id: 'egov.online_transactions_share',
    catalogueRefs: ['K-99'],
    group: 'digital_government',
    nameVi: 'Tỷ lệ giao dịch giữa cơ quan hành chính nhà nước với doanh nghiệp, công dân được thực hiện trực tuyến',
    nameEn: 'Government–business and government–citizen transactions carried out online',
    unit: 'percent',
    direction: 'higher_is_better',
    definition: 'Not a marketplace metric; entered by officers per year.',
  }),

  // Events (BG's task list)
  recorded({
    id: 'events.online_friday',
    catalogueRefs: ['T-110'],
    group: 'events',
    nameVi: 'Số sự kiện Ngày mua sắm trực tuyến - Online Friday được tổ chức',
    nameEn: 'Online Friday events held',
    unit: 'count',
    direction: 'higher_is_better',
    definition: 'Entered by officers per year.',
    defaultBasis: 'each_year',
  }),
];

const BY_ID = new Map(KPI_CATALOGUE.map((kpi) => [kpi.id, kpi]));
const FIGURES_BY_KEY = new Map(FIGURES.map((figure) => [figure.key, figure]));

export function findKpi(id: string): KpiDefinition | undefined {
  return BY_ID.get(id);
}

export function findFigure(key: string): FigureDefinition | undefined {
  return FIGURES_BY_KEY.get(key);
}

/** Ids officers give their own KPIs: `custom.` and a lower-case slug, never a catalogue id. */
export const CUSTOM_KPI_ID = /^custom\.[a-z0-9][a-z0-9_]{1,60}$/;

/** Percentages that are shares stay within 0–100; growth rates do not. */
export function valueBounds(
  unit: KpiUnit,
  unbounded = false,
): { min: number | null; max: number | null; integer: boolean } {
  switch (unit) {
    case 'percent':
      return unbounded ? { min: -100, max: null, integer: false } : { min: 0, max: 100, integer: false };
    case 'count':
    case 'participations':
    case 'vnd':
      return { min: 0, max: null, integer: true };
    case 'rank':
      return { min: 1, max: null, integer: true };
    case 'days':
      return { min: 0, max: null, integer: false };
  }
}
