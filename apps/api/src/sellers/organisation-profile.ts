import { HttpStatus } from '@nestjs/common';
import { toSlug } from '@ocop/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import { normalisePhone } from '../identity/login-identifier.js';
import type { UpdateOrganisationDto } from './dto/organisation.dto.js';
import type { Organisation } from './organisation.entity.js';
import { checkTaxCode } from './tax-code.js';

type FieldProblems = { field: string; messages: string[] }[];

/**
 * Turns submitted profile fields into column values, checking what needs the database (the commune
 * belongs to the home province) and the tax code. Every problem is collected so the applicant sees
 * them all at once; nothing is written when there is any.
 */
export async function profileChanges(
  manager: EntityManager,
  input: UpdateOrganisationDto,
  homeProvinceCode: string,
): Promise<Partial<Organisation>> {
  const problems: FieldProblems = [];
  const changes: Partial<Organisation> = {};

  if (input.name !== undefined) changes.name = input.name.trim();
  if (input.legalType !== undefined) changes.legalType = input.legalType;
  if (input.isSme !== undefined) changes.isSme = input.isSme;
  if (input.womenOwned !== undefined) changes.womenOwned = input.womenOwned;
  if (input.businessRegistrationNumber !== undefined)
    changes.businessRegistrationNumber = input.businessRegistrationNumber.trim();
  if (input.streetAddress !== undefined) changes.streetAddress = input.streetAddress.trim();
  if (input.contactName !== undefined) changes.contactName = input.contactName.trim();
  if (input.contactEmail !== undefined) changes.contactEmail = input.contactEmail.trim().toLowerCase();
  if (input.websiteUrl !== undefined) changes.websiteUrl = input.websiteUrl;
  if (input.marketplaceStores !== undefined) changes.marketplaceStores = input.marketplaceStores;
  if (input.story !== undefined) changes.story = input.story.trim();
  if (input.contactPhone !== undefined) {
    // Landlines are allowed for contact, so keep what was given when it is not a mobile number.
    changes.contactPhone = normalisePhone(input.contactPhone) ?? input.contactPhone.replace(/\s/g, '');
  }
  if (input.bankAccount !== undefined) {
    changes.bankBin = input.bankAccount.bin;
    changes.bankAccountNumber = input.bankAccount.accountNumber;
    changes.bankAccountName = input.bankAccount.accountName.trim().toUpperCase();
  }
  if (input.taxCode !== undefined) {
    const check = checkTaxCode(input.taxCode);
    if (check.valid) {
      changes.taxCode = check.taxCode;
      changes.taxCodeChecksumOk = check.checksumOk;
    } else {
      problems.push({ field: 'taxCode', messages: [check.problem] });
    }
  }
  if (input.communeCode !== undefined) {
    const rows: { province_code: string }[] = await manager.query(
      'SELECT province_code FROM communes WHERE code = $1',
      [input.communeCode],
    );
    const provinceCode = rows[0]?.province_code;
    if (!provinceCode)
      problems.push({ field: 'communeCode', messages: [`no commune has the code ${input.communeCode}`] });
    else if (provinceCode !== homeProvinceCode) {
      problems.push({ field: 'communeCode', messages: ['communeCode must be a commune of the home province'] });
    } else changes.communeCode = input.communeCode;
  }

  if (problems.length > 0) {
    throw new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, problems);
  }
  return changes;
}

/** A slug for the shop page, made unique with a numeric suffix when the name is taken. */
export async function uniqueOrganisationSlug(manager: EntityManager, name: string, exceptId?: string): Promise<string> {
  const base = toSlug(name) || 'to-chuc';
  const rows: { slug: string }[] = await manager.query(
    `SELECT slug FROM organisations WHERE (slug = $1 OR slug LIKE $1 || '-%') AND ($2::uuid IS NULL OR id <> $2)`,
    [base, exceptId ?? null],
  );
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  let suffix = 2;
  while (taken.has(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}
