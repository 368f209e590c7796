export const PRODUCT_STATUSES = ['draft', 'published', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** The materials the plans' green-packaging KPIs count (plastic ≤ 45 %, recyclable ≥ 50 %). */
export const PACKAGING_MATERIALS = ['plastic', 'recyclable', 'biodegradable', 'other'] as const;
export type PackagingMaterial = (typeof PACKAGING_MATERIALS)[number];

export const OCOP_STARS = [3, 4, 5] as const;
export type OcopStars = (typeof OCOP_STARS)[number];

/**
 * Who recognised the rating. Under Decision 148/QĐ-TTg the province's People's Committee
 * recognises 3 and 4 stars and only the central level recognises 5 stars.
 */
export const OCOP_ISSUING_LEVELS = ['central', 'provincial'] as const;
export type OcopIssuingLevel = (typeof OCOP_ISSUING_LEVELS)[number];

export const OCOP_CERTIFICATE_STATUSES = ['pending', 'verified', 'rejected', 'superseded'] as const;
export type OcopCertificateStatus = (typeof OCOP_CERTIFICATE_STATUSES)[number];

export const QUALITY_CERTIFICATE_KINDS = ['vietgap', 'globalgap', 'haccp', 'organic', 'food_safety'] as const;
export type QualityCertificateKind = (typeof QUALITY_CERTIFICATE_KINDS)[number];

export const IMAGE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export const MAX_IMAGES_PER_PRODUCT = 12;
export const MAX_VARIANTS_PER_PRODUCT = 50;
export const MAX_QUALITY_CERTIFICATES_PER_PRODUCT = 20;

/** Calendar dates (issue, expiry) are business days in Vietnam, whatever the server's zone. */
export const TODAY_IN_VIETNAM_SQL = "(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date";
