import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import {
  EXTENSIONS_BY_CONTENT_TYPE,
  FILE_STORAGE,
  type FileStorage,
  type StoredObject,
} from '../storage/file-storage.js';
import { sniffFileType } from '../storage/sniff-file-type.js';
import type { UploadedFileData } from '../storage/upload.interceptor.js';
import { DOCUMENT_CONTENT_TYPES, type OcopCertificateStatus } from './catalog.constants.js';
import { type FieldProblem, invalid, isUuid } from './catalog-errors.js';
import { toOcopCertificateDto } from './catalog-mappers.js';
import type {
  OcopCertificateDto,
  OcopReviewItemDto,
  OcopReviewPageDto,
  PutOcopCertificateDto,
} from './dto/certificates.dto.js';
import { OcopCertificate } from './ocop-certificate.entity.js';
import { unsupportedFileType } from './product-images.service.js';
import { findOwnProduct } from './seller-products.service.js';
import { todayInVietnam } from './vietnam-date.js';

const OPEN: OcopCertificateStatus[] = ['pending', 'rejected'];

const certificateNotFound = () =>
  new DomainError('ocop_certificate_not_found', 'No such OCOP certificate', HttpStatus.NOT_FOUND);

/** Rules between fields that the DTO cannot express on its own. */
export function ocopCertificateProblems(input: PutOcopCertificateDto, today = todayInVietnam()): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.expiresOn <= input.issuedOn)
    problems.push({ field: 'expiresOn', messages: ['expiresOn must be after issuedOn'] });
  if (input.issuedOn > today) problems.push({ field: 'issuedOn', messages: ['issuedOn cannot be in the future'] });
  if (input.expiresOn < today) {
    problems.push({ field: 'expiresOn', messages: ['this certificate has already expired; submit the renewed one'] });
  }
  if (input.stars === 5 && input.issuingLevel !== 'central') {
    problems.push({ field: 'issuingLevel', messages: ['5-star OCOP ratings are recognised at the central level'] });
  }
  if (input.stars !== 5 && input.issuingLevel === 'central') {
    problems.push({ field: 'issuingLevel', messages: ['3- and 4-star OCOP ratings are recognised by the province'] });
  }
  return problems;
}

@Injectable()
export class OcopCertificatesService {
  private readonly logger = new Logger(OcopCertificatesService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /**
   * Declares the product's OCOP rating. A submission still open (pending or rejected) is corrected
   * in place and goes back to the queue; otherwise a new pending one is created, and any verified
   * certificate keeps showing until the officer verifies its replacement.
   */
  async submit(
    caller: AuthenticatedUser,
    productId: string,
    input: PutOcopCertificateDto,
  ): Promise<OcopCertificateDto> {
    const problems = ocopCertificateProblems(input);
    if (problems.length > 0) throw invalid(problems);
    return this.db.transaction(async (manager) => {
      const product = await findOwnProduct(manager, caller, productId, true);
      const certificates = manager.getRepository(OcopCertificate);
      const open = await certificates.findOneBy({ productId: product.id, status: In(OPEN) });
      const saved = await certificates.save(
        certificates.create({
          ...(open ?? {
            productId: product.id,
            organisationId: product.organisationId,
            documentKey: null,
            documentContentType: null,
          }),
          stars: input.stars,
          certificateNumber: input.certificateNumber.trim(),
          issuingLevel: input.issuingLevel,
          issuingAuthority: input.issuingAuthority?.trim() ?? '',
          issuedOn: input.issuedOn,
          expiresOn: input.expiresOn,
          status: 'pending',
          rejectionReason: null,
          reviewedBy: null,
          reviewedAt: null,
        }),
      );
      return toOcopCertificateDto(await certificates.findOneByOrFail({ id: saved.id }));
    });
  }

  /** Attaches the scanned decision (PDF, JPEG or PNG) to the open submission; it replaces an earlier scan. */
  async attachDocument(
    caller: AuthenticatedUser,
    productId: string,
    file: UploadedFileData,
  ): Promise<OcopCertificateDto> {
    const product = await findOwnProduct(this.db.manager, caller, productId);
    const contentType = sniffFileType(file.buffer);
    if (!contentType || !(DOCUMENT_CONTENT_TYPES as readonly string[]).includes(contentType)) {
      throw unsupportedFileType(DOCUMENT_CONTENT_TYPES);
    }
    const open = await this.db.getRepository(OcopCertificate).findOneBy({ productId: product.id, status: In(OPEN) });
    if (!open) throw noOpenSubmission();

    const key = `private/ocop/${open.id}/${randomUUID()}.${EXTENSIONS_BY_CONTENT_TYPE[contentType]}`;
    await this.storage.put(key, file.buffer, contentType);
    let previousKey: string | null = null;
    try {
      const saved = await this.db.transaction(async (manager) => {
        await findOwnProduct(manager, caller, productId, true);
        const certificates = manager.getRepository(OcopCertificate);
        const current = await certificates.findOne({
          where: { id: open.id, status: In(OPEN) },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) throw noOpenSubmission();
        previousKey = current.documentKey;
        current.documentKey = key;
        current.documentContentType = contentType;
        // A new scan answers a rejection: the submission goes back to the officer.
        current.status = 'pending';
        current.rejectionReason = null;
        return certificates.save(current);
      });
      if (previousKey) await this.deleteQuietly(previousKey);
      return toOcopCertificateDto(saved);
    } catch (error) {
      await this.deleteQuietly(key);
      throw error;
    }
  }

  async listForReview(status: OcopCertificateStatus = 'pending', page = 1, pageSize = 50): Promise<OcopReviewPageDto> {
    const [{ total }] = (await this.db.query('SELECT count(*)::int AS total FROM ocop_certificates WHERE status = $1', [
      status,
    ])) as [{ total: number }];
    const rows: {
      id: string;
      product_id: string;
      product_name: string;
      product_slug: string;
      product_status: string;
      organisation_id: string;
      organisation_name: string;
      commune_code: string | null;
      commune_name: string | null;
    }[] = await this.db.query(
      `SELECT oc.id, p.id AS product_id, p.name AS product_name, p.slug AS product_slug, p.status AS product_status,
              o.id AS organisation_id, o.name AS organisation_name, o.commune_code, cm.name AS commune_name
       FROM ocop_certificates oc
       JOIN products p ON p.id = oc.product_id
       JOIN organisations o ON o.id = oc.organisation_id
       LEFT JOIN communes cm ON cm.code = o.commune_code
       WHERE oc.status = $1
       -- The queue is served oldest first, so no submission waits behind newer ones.
       ORDER BY oc.updated_at ${status === 'pending' ? 'ASC' : 'DESC'}, oc.id
       LIMIT $2 OFFSET $3`,
      [status, pageSize, (page - 1) * pageSize],
    );
    const entities = new Map(
      (await this.db.getRepository(OcopCertificate).findBy({ id: In(rows.map((row) => row.id)) })).map((c) => [
        c.id,
        c,
      ]),
    );
    const today = todayInVietnam();
    const items: OcopReviewItemDto[] = rows.map((row) => {
      const certificate = entities.get(row.id) as OcopCertificate;
      return {
        ...toOcopCertificateDto(certificate, today),
        documentUrl: certificate.documentKey ? `/api/province/ocop-certificates/${certificate.id}/document` : null,
        submittedAt: certificate.updatedAt.toISOString(),
        product: { id: row.product_id, name: row.product_name, slug: row.product_slug, status: row.product_status },
        organisation: {
          id: row.organisation_id,
          name: row.organisation_name,
          communeCode: row.commune_code,
          communeName: row.commune_name,
        },
      };
    });
    return { items, total, page, pageSize };
  }

  async verify(officer: AuthenticatedUser, certificateId: string): Promise<OcopCertificateDto> {
    return this.db.transaction(async (manager) => {
      const certificates = manager.getRepository(OcopCertificate);
      const certificate = isUuid(certificateId)
        ? await certificates.findOne({ where: { id: certificateId }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!certificate) throw certificateNotFound();
      if (certificate.status !== 'pending') throw notPending(certificate.status);
      if (!certificate.documentKey) {
        throw new DomainError(
          'ocop_document_missing',
          'The seller has not attached the scanned certificate yet',
          HttpStatus.CONFLICT,
        );
      }
      if (certificate.expiresOn < todayInVietnam()) {
        throw new DomainError(
          'ocop_certificate_expired',
          'This certificate has expired; it cannot be verified',
          HttpStatus.CONFLICT,
        );
      }
      // The previous verified rating steps aside first: at most one verified certificate per product.
      await certificates.update({ productId: certificate.productId, status: 'verified' }, { status: 'superseded' });
      certificate.status = 'verified';
      certificate.reviewedBy = officer.userId;
      certificate.reviewedAt = new Date();
      return toOcopCertificateDto(await certificates.save(certificate));
    });
  }

  async reject(officer: AuthenticatedUser, certificateId: string, reason: string): Promise<OcopCertificateDto> {
    return this.db.transaction(async (manager) => {
      const certificates = manager.getRepository(OcopCertificate);
      const certificate = isUuid(certificateId)
        ? await certificates.findOne({ where: { id: certificateId }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!certificate) throw certificateNotFound();
      if (certificate.status !== 'pending') throw notPending(certificate.status);
      certificate.status = 'rejected';
      certificate.rejectionReason = reason.trim();
      certificate.reviewedBy = officer.userId;
      certificate.reviewedAt = new Date();
      return toOcopCertificateDto(await certificates.save(certificate));
    });
  }

  async getDocument(certificateId: string): Promise<StoredObject> {
    const certificate = isUuid(certificateId)
      ? await this.db.getRepository(OcopCertificate).findOneBy({ id: certificateId })
      : null;
    if (!certificate) throw certificateNotFound();
    const document = certificate.documentKey ? await this.storage.get(certificate.documentKey) : null;
    if (!document)
      throw new DomainError('ocop_document_missing', 'No scanned document is attached', HttpStatus.NOT_FOUND);
    return document;
  }

  private async deleteQuietly(key: string): Promise<void> {
    await this.storage
      .delete(key)
      .catch((error: unknown) => this.logger.warn({ err: error, key }, 'Orphan document left'));
  }
}

function noOpenSubmission(): DomainError {
  return new DomainError(
    'ocop_submission_missing',
    'Submit the certificate details first (PUT /api/seller/products/:id/ocop-certificate), then attach its scan',
    HttpStatus.CONFLICT,
  );
}

function notPending(status: string): DomainError {
  return new DomainError(
    'ocop_certificate_not_pending',
    `This certificate is ${status}, not awaiting review`,
    HttpStatus.CONFLICT,
  );
}
