import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { MAX_QUALITY_CERTIFICATES_PER_PRODUCT } from './catalog.constants.js';
import { invalidField, isUuid } from './catalog-errors.js';
import { toQualityCertificateDto } from './catalog-mappers.js';
import type { QualityCertificateDto, QualityCertificateInputDto } from './dto/certificates.dto.js';
import { QualityCertificate } from './quality-certificate.entity.js';
import { findOwnProduct } from './seller-products.service.js';

const notFound = () =>
  new DomainError('quality_certificate_not_found', 'No such certificate on this product', HttpStatus.NOT_FOUND);

function checkDates(input: QualityCertificateInputDto): void {
  if (input.issuedOn && input.expiresOn <= input.issuedOn)
    throw invalidField('expiresOn', 'expiresOn must be after issuedOn');
}

/** VietGAP, GlobalGAP, HACCP, organic and food-safety certificates: declared by the seller, shown with their expiry. */
@Injectable()
export class QualityCertificatesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(caller: AuthenticatedUser, productId: string): Promise<QualityCertificateDto[]> {
    const product = await findOwnProduct(this.db.manager, caller, productId);
    const rows = await this.db
      .getRepository(QualityCertificate)
      .find({ where: { productId: product.id }, order: { expiresOn: 'DESC' } });
    return rows.map((row) => toQualityCertificateDto(row));
  }

  async create(
    caller: AuthenticatedUser,
    productId: string,
    input: QualityCertificateInputDto,
  ): Promise<QualityCertificateDto> {
    checkDates(input);
    return this.db.transaction(async (manager) => {
      const product = await findOwnProduct(manager, caller, productId, true);
      const repository = manager.getRepository(QualityCertificate);
      if ((await repository.countBy({ productId: product.id })) >= MAX_QUALITY_CERTIFICATES_PER_PRODUCT) {
        throw new DomainError(
          'too_many_certificates',
          `A product can list at most ${MAX_QUALITY_CERTIFICATES_PER_PRODUCT} certificates`,
          HttpStatus.CONFLICT,
        );
      }
      const saved = await repository.save(
        repository.create({
          productId: product.id,
          organisationId: product.organisationId,
          kind: input.kind,
          certificateNumber: input.certificateNumber.trim(),
          issuer: input.issuer?.trim() ?? '',
          issuedOn: input.issuedOn ?? null,
          expiresOn: input.expiresOn,
        }),
      );
      return toQualityCertificateDto(await repository.findOneByOrFail({ id: saved.id }));
    });
  }

  async update(
    caller: AuthenticatedUser,
    productId: string,
    certificateId: string,
    input: QualityCertificateInputDto,
  ): Promise<QualityCertificateDto> {
    checkDates(input);
    return this.db.transaction(async (manager) => {
      const product = await findOwnProduct(manager, caller, productId, true);
      const repository = manager.getRepository(QualityCertificate);
      const certificate = isUuid(certificateId)
        ? await repository.findOneBy({ id: certificateId, productId: product.id })
        : null;
      if (!certificate) throw notFound();
      Object.assign(certificate, {
        kind: input.kind,
        certificateNumber: input.certificateNumber.trim(),
        issuer: input.issuer?.trim() ?? '',
        issuedOn: input.issuedOn ?? null,
        expiresOn: input.expiresOn,
      });
      await repository.save(certificate);
      return toQualityCertificateDto(await repository.findOneByOrFail({ id: certificate.id }));
    });
  }

  async remove(caller: AuthenticatedUser, productId: string, certificateId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const product = await findOwnProduct(manager, caller, productId, true);
      const result = isUuid(certificateId)
        ? await manager.getRepository(QualityCertificate).delete({ id: certificateId, productId: product.id })
        : { affected: 0 };
      if (!result.affected) throw notFound();
    });
  }
}
