// The request mix of the search benchmark: what shoppers type into the search box of a provincial
// OCOP shop, with and without diacritics, with typos and half-typed words, plus the filters and
// sorts of the results page and category browsing. Choices are weighted so that popular searches
// repeat, as they do in real search logs (a few queries make most of the traffic).
//
// The words come from the products the large-catalogue generator makes (apps/api/src/demo/large-catalog.ts).

/** Mulberry32: a small seeded generator, so every run sends the same sequence. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEARCHES = [
  'Mật ong',
  'mật ong hoa rừng',
  'Quýt vàng Bắc Sơn',
  'hoa hồi',
  'Hoa hồi Văn Quan',
  'thạch đen',
  'Thạch đen Tràng Định',
  'rượu Mẫu Sơn',
  'khâu nhục',
  'chè shan tuyết',
  'miến dong',
  'măng khô',
  'nấm hương',
  'túi thổ cẩm',
  'gạo nếp cái hoa vàng',
  'tinh dầu quế',
  'hồng không hạt',
  'lạp sườn',
  'bánh khảo',
  'vịt quay',
  'đào chuông',
  'khoai môn',
  'giỏ mây tre',
  'nghỉ nhà sàn',
  'trà hoa vàng',
  'gừng khô',
  'Na dai Chi Lăng',
  'hạt dổi',
  'táo mèo',
  'rượu men lá',
  'mận hậu',
  'bánh chưng đen',
  'khăn chàm',
  'áo chàm',
  'quế thanh',
  'hạt mắc mật',
  'mộc nhĩ',
  'hồng sấy',
  'tinh dầu hồi',
  'trà giảo cổ lam',
  'gạo Bao thai',
  'lạc đỏ',
  'thịt lợn hun khói',
  'chả cuốn',
  'nước cốt quýt',
  'mâm cơm Tày',
  'tour trải nghiệm',
  'ớt chỉ thiên',
  'bí đỏ',
  'củ đậu',
  'su su',
  'phấn hoa',
  'đèn tre',
  'tranh thổ cẩm',
  'mật ong Hữu Lũng',
  'đặc sản Lạng Sơn',
  'quà Tết',
  'hữu cơ',
  'loại 1 Văn Quan',
  'Bình Gia',
  'Mẫu Sơn',
];

/** One letter wrong, swapped, missing or doubled in a word of five letters or more. */
const TYPOS = [
  'thahc den',
  'dao chuogn',
  'nam huogn',
  'hong khomg hat',
  'mat ong truyenn thong',
  'thuogn hang',
  'xuaat khau',
  'che shan tuyte',
  'khau nhucc',
  'quyt vang bac sonn',
  'tinh dau quee',
  'mieen dong',
  'banh khaoo',
  'gaao nep',
];

/** What is in the box while the user is still typing. */
const PARTIAL = ['mat o', 'quyt v', 'thach d', 'ruou m', 'tui th', 'hoa h', 'mien d', 'che sh', 'banh k', 'hong kh'];

const CATEGORIES = [
  'trai-cay',
  'rau-cu',
  'gia-vi',
  'che-tra',
  'mat-ong',
  'gao-ngu-coc',
  'thao-duoc',
  'thit-che-bien',
  'do-kho',
  'banh-keo-thach',
  'ruou',
  'nuoc-giai-khat',
  'det-may-tho-cam',
  'luu-niem-trang-tri',
  'du-lich-cong-dong',
  'nong-san-tuoi',
  'nong-dac-san',
  'thuc-pham-che-bien',
  'do-uong',
  'lang-nghe-thu-cong',
];
const COMMUNES = [
  '05977',
  '06046',
  '06112',
  '06124',
  '06184',
  '06253',
  '06325',
  '06385',
  '06463',
  '06529',
  '06541',
  '06613',
  '06040',
  '06154',
];
const STARS = ['4,5', '5', '4', '3', '3,4,5'];
const PRICES = [
  [0, 99_999],
  [100_000, 199_999],
  [200_000, 499_999],
  [500_000, 999_999],
  [1_000_000, null],
];
const CERTIFICATES = ['vietgap', 'organic', 'haccp', 'food_safety', 'vietgap,organic'];

function fold(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** An index skewed towards the start of a list (popular first): Zipf-like with exponent ~1. */
function skewed(next, length) {
  return Math.min(length - 1, Math.floor(Math.exp(next() * Math.log(length + 1)) - 1));
}

function pick(next, list) {
  return list[skewed(next, list.length)];
}

function uniform(next, list) {
  return list[Math.floor(next() * list.length)];
}

function text(next) {
  const roll = next();
  if (roll < 0.45) return fold(pick(next, SEARCHES)); // typed without diacritics
  if (roll < 0.8) return pick(next, SEARCHES); // with diacritics
  if (roll < 0.9) return pick(next, TYPOS);
  return pick(next, PARTIAL);
}

function filters(next, params) {
  const roll = next();
  if (roll < 0.3) params.set('category', pick(next, CATEGORIES));
  else if (roll < 0.5) params.set('stars', uniform(next, STARS));
  else if (roll < 0.65) params.set('commune', uniform(next, COMMUNES));
  else if (roll < 0.85) {
    const [min, max] = uniform(next, PRICES);
    params.set('priceMin', String(min));
    if (max !== null) params.set('priceMax', String(max));
    else params.delete('priceMax');
  } else params.set('certificate', uniform(next, CERTIFICATES));
}

function sortAndPage(next, params) {
  const sort = next();
  if (sort < 0.15) params.set('sort', 'price_asc');
  else if (sort < 0.2) params.set('sort', 'price_desc');
  else if (sort < 0.32) params.set('sort', 'newest');
  else if (sort < 0.4) params.set('sort', 'best_selling');
  const page = next();
  if (page > 0.9) params.set('page', String(3 + Math.floor(next() * 3)));
  else if (page > 0.75) params.set('page', '2');
}

/** One request path of the mix. */
export function searchRequest(next) {
  const params = new URLSearchParams();
  const kind = next();
  if (kind < 0.35) {
    params.set('q', text(next));
  } else if (kind < 0.6) {
    params.set('q', text(next));
    filters(next, params);
    if (next() < 0.3) filters(next, params);
  } else if (kind < 0.85) {
    // Browsing: a category page, sometimes narrowed further.
    params.set('category', pick(next, CATEGORIES));
    if (next() < 0.3) filters(next, params);
    sortAndPage(next, params);
  } else {
    params.set('q', text(next));
    sortAndPage(next, params);
  }
  return `/api/search?${params}`;
}

/** A fixed sequence of request paths for a run. */
export function requestSequence(count, seed = 20_260_101) {
  const next = random(seed);
  return Array.from({ length: count }, () => searchRequest(next));
}
