import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import { FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import { normaliseTraceCode, parseDigitalLink, toGtin14 } from './digital-link.js';
import type { ScanStatsDto, TraceRecordDto } from './dto/trace.dto.js';
import { buildEpcisDocument } from './epcis.js';
import { publicBaseUrl } from './seller-batches.service.js';
import { type BatchRow, buildTraceRecord, findBatch } from './trace-record.js';

export type ScanChannel = 'short_link' | 'digital_link' | 'app';

const traceNotFound = () => new DomainError('trace_not_found', 'No batch has this trace code', HttpStatus.NOT_FOUND);

/** Link-preview fetchers and crawlers are not people scanning a product. */
const AUTOMATED_AGENT = /bot|crawl|spider|slurp|preview|facebookexternalhit|headlesschrome\/[\d.]+ \(monitor\)/i;

/** Two decimals of a degree: about 1.1 km north–south, less east–west; enough for a district map, not an address. */
const roundCoordinate = (value: number) => Math.round(value * 100) / 100;

/** How long after a scan its visitor may still attach a location to it. */
const LOCATION_WINDOW_MINUTES = 60;

@Injectable()
export class TraceabilityService {
  readonly base: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.base = publicBaseUrl(config);
  }

  async findByCode(rawCode: string): Promise<BatchRow | null> {
    const code = normaliseTraceCode(rawCode);
    return code ? findBatch(this.db.manager, { code }) : null;
  }

  /** GTIN-8/12/13 are accepted and padded; a wrong check digit finds nothing. */
  async findByDigitalLink(gtin: string, lot: string): Promise<BatchRow | null> {
    const gtin14 = toGtin14(gtin);
    return gtin14 ? findBatch(this.db.manager, { gtin14, lot }) : null;
  }

  /** A scanned link: a lot-level GS1 Digital Link on any domain, or this platform's short URI. */
  async findByUri(uri: string): Promise<BatchRow | null> {
    const link = parseDigitalLink(uri);
    if (link) return findBatch(this.db.manager, link);
    const short = /\/t\/([^/?#]+)\/?(?:[?#].*)?$/.exec(uri);
    return short ? this.findByCode(decodeURIComponent(short[1]!)) : null;
  }

  record(batch: BatchRow): Promise<TraceRecordDto> {
    return buildTraceRecord(this.db.manager, this.storage, this.base, batch);
  }

  async recordByCode(rawCode: string): Promise<TraceRecordDto> {
    const batch = await this.findByCode(rawCode);
    if (!batch) throw traceNotFound();
    return this.record(batch);
  }

  async epcisByCode(rawCode: string): Promise<Record<string, unknown>> {
    return buildEpcisDocument(await this.recordByCode(rawCode), this.base);
  }

  /** Records one opening of a batch's trace; nothing about the visitor is kept. Null when not counted. */
  async recordScan(batch: BatchRow, via: ScanChannel, userAgent: string | undefined): Promise<string | null> {
    if (userAgent && AUTOMATED_AGENT.test(userAgent)) return null;
    const [row] = (await this.db.query(
      'INSERT INTO trace_scans (batch_id, product_id, organisation_id, via) VALUES ($1, $2, $3, $4) RETURNING id',
      [batch.id, batch.product_id, batch.organisation_id, via],
    )) as { id: string }[];
    return row!.id;
  }

  /**
   * Attaches the approximate place of a scan the visitor chose to share, once, shortly after the
   * scan. The coordinates are rounded here, before they are stored.
   */
  async shareLocation(scanId: string, latitude: number, longitude: number): Promise<void> {
    const result = (await this.db.query(
      `UPDATE trace_scans SET latitude = $2, longitude = $3, location_shared_at = now()
       WHERE id = $1 AND location_shared_at IS NULL AND scanned_at > now() - make_interval(mins => $4)
       RETURNING id`,
      [scanId, roundCoordinate(latitude), roundCoordinate(longitude), LOCATION_WINDOW_MINUTES],
    )) as [unknown[], number];
    if (result[1] === 0) {
      throw new DomainError('scan_not_found', 'No recent scan without a location has this id', HttpStatus.NOT_FOUND);
    }
  }

  /**
   * Scans per product and per seller in [from, to), and how many OCOP products (verified certificate
   * valid on `to`'s Vietnamese calendar day) have at least one batch recorded before `to`: the
   * "OCOP products with QR traceability" indicator (K-20).
   */
  async scanStats(from: Date, to: Date): Promise<ScanStatsDto> {
    const range = [from, to];
    const [totals] = (await this.db.query(
      `SELECT count(*)::int AS total, count(location_shared_at)::int AS with_location
       FROM trace_scans WHERE scanned_at >= $1 AND scanned_at < $2`,
      range,
    )) as { total: number; with_location: number }[];
    const byProduct: { id: string; name: string; organisation_id: string; scans: number }[] = await this.db.query(
      `SELECT s.product_id AS id, p.name, s.organisation_id, count(*)::int AS scans
       FROM trace_scans s JOIN products p ON p.id = s.product_id
       WHERE s.scanned_at >= $1 AND s.scanned_at < $2
       GROUP BY s.product_id, p.name, s.organisation_id ORDER BY scans DESC, p.name`,
      range,
    );
    const bySeller: { id: string; name: string; scans: number }[] = await this.db.query(
      `SELECT s.organisation_id AS id, o.name, count(*)::int AS scans
       FROM trace_scans s JOIN organisations o ON o.id = s.organisation_id
       WHERE s.scanned_at >= $1 AND s.scanned_at < $2
       GROUP BY s.organisation_id, o.name ORDER BY scans DESC, o.name`,
      range,
    );
    const [coverage] = (await this.db.query(
      `WITH ocop AS (
         SELECT DISTINCT c.product_id FROM ocop_certificates c
         WHERE c.status = 'verified' AND c.issued_on <= ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
           AND c.expires_on >= ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
       SELECT (SELECT count(*)::int FROM ocop) AS ocop_products,
              (SELECT count(*)::int FROM ocop WHERE EXISTS (
                 SELECT 1 FROM trace_batches b WHERE b.product_id = ocop.product_id AND b.created_at < $1)) AS with_batches`,
      [to],
    )) as { ocop_products: number; with_batches: number }[];
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      totalScans: totals!.total,
      scansWithLocation: totals!.with_location,
      byProduct: byProduct.map((p) => ({ id: p.id, name: p.name, organisationId: p.organisation_id, scans: p.scans })),
      bySeller,
      ocopProducts: coverage!.ocop_products,
      ocopProductsWithTraceability: coverage!.with_batches,
    };
  }
}
