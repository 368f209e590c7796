import type { FileStorage } from '../storage/file-storage.js';
import type { OcopCertificateDto, QualityCertificateDto } from './dto/certificates.dto.js';
import type { ProductImageDto, VariantDto } from './dto/seller-product.dto.js';
import type { OcopCertificate } from './ocop-certificate.entity.js';
import type { ProductImage } from './product-image.entity.js';
import type { ProductVariant } from './product-variant.entity.js';
import type { QualityCertificate } from './quality-certificate.entity.js';
import { isExpired, todayInVietnam } from './vietnam-date.js';

export function toVariantDto(variant: ProductVariant): VariantDto {
  return {
    id: variant.id,
    label: variant.label,
    sku: variant.sku,
    price: variant.price,
    gtin: variant.gtin,
    weightGrams: variant.weightGrams,
    stock: variant.stock,
    active: variant.active,
  };
}

export function toImageDto(image: ProductImage, storage: FileStorage): ProductImageDto {
  return {
    id: image.id,
    url: storage.url(image.storageKey),
    contentType: image.contentType,
    byteSize: image.byteSize,
    altText: image.altText,
  };
}

export function toOcopCertificateDto(certificate: OcopCertificate, today = todayInVietnam()): OcopCertificateDto {
  return {
    id: certificate.id,
    stars: certificate.stars,
    certificateNumber: certificate.certificateNumber,
    issuingLevel: certificate.issuingLevel,
    issuingAuthority: certificate.issuingAuthority,
    issuedOn: certificate.issuedOn,
    expiresOn: certificate.expiresOn,
    expired: isExpired(certificate.expiresOn, today),
    hasDocument: certificate.documentKey !== null,
    status: certificate.status,
    rejectionReason: certificate.rejectionReason,
    reviewedAt: certificate.reviewedAt?.toISOString() ?? null,
    updatedAt: certificate.updatedAt.toISOString(),
  };
}

export function toQualityCertificateDto(
  certificate: QualityCertificate,
  today = todayInVietnam(),
): QualityCertificateDto {
  return {
    id: certificate.id,
    kind: certificate.kind,
    certificateNumber: certificate.certificateNumber,
    issuer: certificate.issuer,
    issuedOn: certificate.issuedOn,
    expiresOn: certificate.expiresOn,
    expired: isExpired(certificate.expiresOn, today),
  };
}
