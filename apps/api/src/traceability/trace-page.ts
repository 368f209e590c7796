import { createHash } from 'node:crypto';
import type { MaterialViewDto, TraceEventDto, TraceRecordDto } from './dto/trace.dto.js';

/**
 * The public trace page: one server-rendered HTML document with its CSS inline and no script needed,
 * so it paints on the first round trip on a cheap phone over a slow connection. Images load lazily
 * below the text. The only script is the optional "share my approximate location" button.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2521;background:#f4f6f2}
header,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}header{padding-top:1rem}h1{font-size:1.45rem;margin:.2rem 0 .4rem;line-height:1.25}
h2{font-size:1.05rem;margin:0 0 .5rem}small,.muted{color:#5b665f}section{background:#fff;border-radius:.6rem;padding:.9rem 1rem;margin:.75rem 0}
.stars{color:#b7791f;font-weight:600;margin:.2rem 0}.chain{padding:.6rem .8rem;border-radius:.5rem;margin:.6rem 0;font-weight:600}
.ok{background:#e3f4e6;color:#1e6b33}.bad{background:#fde8e6;color:#a3261b}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .8rem;margin:0}
dt{color:#5b665f}dd{margin:0;overflow-wrap:anywhere}ul,ol{margin:0;padding-left:1.1rem}ol.tl{list-style:none;padding:0}
ol.tl li{border-left:3px solid #2f855a;padding:0 0 .9rem .8rem;margin-left:.3rem}ol.tl li.fixed{border-color:#c9ccc6;opacity:.75}
time{display:block;font-size:.85rem;color:#5b665f}.buy{display:block;text-align:center;background:#2f855a;color:#fff;font-weight:600;
padding:.8rem;border-radius:.6rem;text-decoration:none;margin:.75rem 0}img{display:block;width:100%;height:auto;aspect-ratio:4/3;object-fit:cover;
border-radius:.5rem;background:#e6e9e3;margin:.5rem 0}.ph{display:grid;grid-template-columns:repeat(auto-fill,minmax(8rem,1fr));gap:.4rem}
.ph img{margin:0}button{font:inherit;padding:.6rem .9rem;border-radius:.5rem;border:1px solid #2f855a;background:#fff;color:#2f855a}
footer{font-size:.8rem;color:#5b665f;padding-bottom:2rem;overflow-wrap:anywhere}a{color:#276749}`.replace(/\n/g, '');

const SCRIPT =
  "(function(){var b=document.getElementById('loc');if(!b||!navigator.geolocation||!window.fetch)return;b.hidden=false;" +
  'b.onclick=function(){b.disabled=true;navigator.geolocation.getCurrentPosition(function(p){' +
  'var r=function(x){return Math.round(x*100)/100};' +
  "fetch('/api/trace/scans/'+b.getAttribute('data-scan')+'/location',{method:'POST',headers:{'content-type':'application/json'}," +
  'body:JSON.stringify({latitude:r(p.coords.latitude),longitude:r(p.coords.longitude)})}).then(function(x){' +
  "b.textContent=x.ok?'Cảm ơn bạn đã chia sẻ vị trí gần đúng.':'Chưa gửi được vị trí.'})}," +
  "function(){b.textContent='Bạn chưa cho phép chia sẻ vị trí.'},{enableHighAccuracy:false,maximumAge:600000,timeout:15000})}})();";

const sha256Base64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** Inline CSS and the one script are allowed by their hashes; nothing else may run or load from elsewhere. */
export const TRACE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${sha256Base64(STYLE)}'`,
  `script-src 'sha256-${sha256Base64(SCRIPT)}'`,
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Vietnam has no daylight saving: local time is UTC+7 all year. */
function vietnamParts(isoUtc: string): { date: string; time: string } {
  const shifted = new Date(new Date(isoUtc).getTime() + 7 * 3_600_000).toISOString();
  return { date: `${shifted.slice(8, 10)}/${shifted.slice(5, 7)}/${shifted.slice(0, 4)}`, time: shifted.slice(11, 16) };
}

export function formatDate(isoDate: string | null): string {
  if (!isoDate) return '';
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });

function materials(items: MaterialViewDto[]): string {
  return items
    .map((m) => `${escapeHtml(m.name)} ${numberFormat.format(m.quantity)} ${escapeHtml(m.unitLabel)}`)
    .join('; ');
}

function row(term: string, value: string | null | undefined): string {
  return value ? `<dt>${term}</dt><dd>${value}</dd>` : '';
}

function image(url: string, alt: string): string {
  return `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async" width="400" height="300">`;
}

function timelineItem(event: TraceEventDto, seqOf: Map<string, number>): string {
  const when = vietnamParts(event.occurredAt);
  const place = [event.placeName, event.place ? `${event.place.name}, ${event.place.provinceName}` : null]
    .filter((part) => part)
    .map((part) => escapeHtml(part!))
    .join(' · ');
  const lines = [
    place ? `<div>${place}</div>` : '',
    `<div><span class="muted">Thực hiện:</span> ${escapeHtml(event.actorName)}</div>`,
    event.inputs.length ? `<div><span class="muted">Đầu vào:</span> ${materials(event.inputs)}</div>` : '',
    event.outputs.length ? `<div><span class="muted">Đầu ra:</span> ${materials(event.outputs)}</div>` : '',
    event.notes ? `<div>${escapeHtml(event.notes)}</div>` : '',
    event.correctsEventId && seqOf.has(event.correctsEventId)
      ? `<div class="muted">Đính chính cho bước ${seqOf.get(event.correctsEventId)}</div>`
      : '',
    event.correctedByEventId && seqOf.has(event.correctedByEventId)
      ? `<div class="muted">Đã được đính chính ở bước ${seqOf.get(event.correctedByEventId)}</div>`
      : '',
    event.evidence.length
      ? `<div class="ph">${event.evidence.map((p) => image(p.url, `Ảnh minh chứng: ${event.kindLabel}`)).join('')}</div>`
      : '',
  ];
  return (
    `<li${event.correctedByEventId ? ' class="fixed"' : ''}><time datetime="${event.occurredAt}">${when.time} · ${when.date}</time>` +
    `<strong>${event.seq}. ${escapeHtml(event.kindLabel)}</strong>${lines.join('')}</li>`
  );
}

function chainNotice(record: TraceRecordDto): string {
  if (record.chain.verified) {
    const steps = record.chain.eventCount;
    return `<p class="chain ok">✓ Dữ liệu toàn vẹn: hồ sơ lô hàng${steps ? ` và ${steps} bước ghi nhận` : ''} khớp chuỗi mã băm, không bị sửa sau khi ghi.</p>`;
  }
  const where = record.chain.brokenAtSeq ? `từ bước ${record.chain.brokenAtSeq}` : 'ở hồ sơ lô hàng';
  return `<p class="chain bad">⚠ Cảnh báo: chuỗi dữ liệu bị đứt ${where}. Thông tin dưới đây có thể đã bị thay đổi sau khi ghi; hãy liên hệ nhà sản xuất hoặc cơ quan quản lý.</p>`;
}

export function renderTracePage(record: TraceRecordDto): string {
  const { product, producer, batch, ocop } = record;
  const seqOf = new Map(record.events.map((event) => [event.id, event.seq]));
  const stars = ocop?.valid
    ? `<p class="stars" aria-label="OCOP ${ocop.stars} sao">${'★'.repeat(ocop.stars)} OCOP ${ocop.stars} sao</p>`
    : '';
  const origin = batch.origin.name
    ? `${escapeHtml(batch.origin.name)}, ${escapeHtml(batch.origin.provinceName)}`
    : escapeHtml(batch.origin.code);
  // "TCVN 10737:2015" already names its standard; "VietGAP (VG-0012)" needs the label.
  const standards = batch.standards
    .map((s) =>
      escapeHtml(
        !s.reference ? s.label : s.reference.startsWith(s.label) ? s.reference : `${s.label} (${s.reference})`,
      ),
    )
    .join('; ');
  const certificates = [
    ocop
      ? `<li>OCOP ${ocop.stars} sao – số ${escapeHtml(ocop.certificateNumber)}${ocop.issuingAuthority ? `, ${escapeHtml(ocop.issuingAuthority)}` : ''}: ` +
        `${ocop.valid ? 'còn hiệu lực' : 'đã hết hiệu lực'} đến ${formatDate(ocop.expiresOn)}</li>`
      : '',
    ...record.certificates.map(
      (c) =>
        `<li>${escapeHtml(c.label)} – số ${escapeHtml(c.certificateNumber)}${c.issuer ? `, ${escapeHtml(c.issuer)}` : ''}: ` +
        `${c.valid ? 'còn hiệu lực' : 'đã hết hiệu lực'} đến ${formatDate(c.expiresOn)}</li>`,
    ),
  ].join('');
  const photos = [...product.imageUrls.slice(1), ...batch.photos.map((p) => p.url)];
  const title = `${product.name} – lô ${batch.lot}`;

  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Truy xuất nguồn gốc: ${escapeHtml(title)}</title><meta name="description" content="${escapeHtml(
    `Nguồn gốc lô ${batch.lot} của ${product.name}, ${producer.name}`,
  )}"><meta name="robots" content="noindex"><style>${STYLE}</style></head><body>
<header><small>Truy xuất nguồn gốc · Mã ${escapeHtml(record.code)}</small><h1>${escapeHtml(product.name)}</h1>${stars}
<div>${escapeHtml(producer.name)}${producer.commune ? ` · ${escapeHtml(producer.commune.name)}, ${escapeHtml(producer.commune.provinceName)}` : ''}</div>
${chainNotice(record)}</header><main>
${product.buyUrl ? `<a class="buy" href="${escapeHtml(product.buyUrl)}">Mua sản phẩm này trên sàn</a>` : ''}
<section><h2>Lô hàng</h2><dl>${row('Mã lô', escapeHtml(batch.lot))}${row('Mã truy xuất', escapeHtml(record.code))}${row(
    'Mã GTIN',
    batch.gtin ? escapeHtml(batch.gtin) : null,
  )}${row('Ngày thu hoạch', formatDate(batch.harvestedOn))}${row('Ngày sản xuất', formatDate(batch.producedOn))}${row(
    'Hạn sử dụng',
    formatDate(batch.expiresOn),
  )}${row('Số lượng', `${numberFormat.format(batch.quantity)} ${escapeHtml(batch.unitLabel)}`)}${row('Nơi sản xuất', origin)}${row(
    'Mã số vùng trồng',
    batch.growingAreaCode ? escapeHtml(batch.growingAreaCode) : null,
  )}${row('Tiêu chuẩn áp dụng', standards)}${row('Ghi chú', batch.notes ? escapeHtml(batch.notes) : null)}</dl></section>
<section><h2>Nhà sản xuất</h2><div><strong>${
    producer.shopUrl
      ? `<a href="${escapeHtml(producer.shopUrl)}">${escapeHtml(producer.name)}</a>`
      : escapeHtml(producer.name)
  }</strong> <span class="muted">(${escapeHtml(
    producer.legalTypeLabel,
  )})</span></div>${producer.address ? `<div>${escapeHtml(producer.address)}</div>` : ''}</section>
${certificates ? `<section><h2>Chứng nhận</h2><ul>${certificates}</ul></section>` : ''}
<section><h2>Hành trình sản phẩm</h2>${
    record.events.length
      ? `<ol class="tl">${record.events.map((event) => timelineItem(event, seqOf)).join('')}</ol>`
      : '<p class="muted">Chưa có bước nào được ghi nhận.</p>'
  }</section>
${product.imageUrls[0] || photos.length ? `<section><h2>Hình ảnh</h2>${product.imageUrls[0] ? image(product.imageUrls[0], product.name) : ''}${photos.length ? `<div class="ph">${photos.map((url) => image(url, title)).join('')}</div>` : ''}</section>` : ''}
${
  record.scanId
    ? `<section><h2>Giúp nhà sản xuất</h2><p class="muted">Không bắt buộc: chia sẻ vị trí gần đúng (khoảng 1 km) để biết sản phẩm đã đến đâu. Chúng tôi không lưu địa chỉ IP.</p><button id="loc" type="button" data-scan="${escapeHtml(
        record.scanId,
      )}" hidden>Chia sẻ vị trí gần đúng</button><script>${SCRIPT}</script></section>`
    : ''
}
</main><footer><p>Hồ sơ truy xuất theo Thông tư 02/2024/TT-BKHCN. Mã truy xuất ${escapeHtml(record.code)}${
    record.links.digitalLink ? ` · GS1 Digital Link: ${escapeHtml(record.links.digitalLink)}` : ''
  }.</p><p><a href="${escapeHtml(record.links.epcis)}">Dữ liệu EPCIS 2.0 (JSON-LD)</a></p></footer></body></html>`;
}

export function renderNotFoundPage(): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Không tìm thấy mã truy xuất</title><meta name="robots" content="noindex"><style>${STYLE}</style></head><body><header>
<h1>Không tìm thấy mã truy xuất</h1></header><main><section><p>Mã trên tem không có trong hệ thống. Hãy kiểm tra lại mã, hoặc liên hệ nhà sản xuất.</p>
<p class="muted">Sản phẩm không có mã truy xuất hợp lệ có thể không rõ nguồn gốc.</p></section></main></body></html>`;
}
