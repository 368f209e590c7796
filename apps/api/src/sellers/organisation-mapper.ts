import type { EntityManager } from 'typeorm';
import type { OrganisationDto } from './dto/organisation.dto.js';
import type { Organisation } from './organisation.entity.js';

/** Maps organisations to their API shape, naming their communes with one query for the whole list. */
export async function toOrganisationDtos(
  manager: EntityManager,
  organisations: Organisation[],
): Promise<OrganisationDto[]> {
  const codes = [...new Set(organisations.map((o) => o.communeCode).filter((code): code is string => !!code))];
  const communes: { code: string; name: string }[] = codes.length
    ? await manager.query('SELECT code, name FROM communes WHERE code = ANY($1)', [codes])
    : [];
  const names = new Map(communes.map((c) => [c.code, c.name]));
  return organisations.map((o) => ({
    id: o.id,
    name: o.name,
    slug: o.slug,
    legalType: o.legalType,
    isSme: o.isSme,
    womenOwned: o.womenOwned,
    taxCode: o.taxCode,
    taxCodeChecksumOk: o.taxCodeChecksumOk,
    businessRegistrationNumber: o.businessRegistrationNumber,
    streetAddress: o.streetAddress,
    commune: o.communeCode ? { code: o.communeCode, name: names.get(o.communeCode) ?? o.communeCode } : null,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    contactEmail: o.contactEmail,
    bankAccount:
      o.bankBin && o.bankAccountNumber && o.bankAccountName
        ? { bin: o.bankBin, accountNumber: o.bankAccountNumber, accountName: o.bankAccountName }
        : null,
    websiteUrl: o.websiteUrl,
    marketplaceStores: o.marketplaceStores,
    story: o.story,
    status: o.status,
    statusReason: o.statusReason,
    approvedAt: o.approvedAt?.toISOString() ?? null,
    ownerUserId: o.ownerUserId,
    createdAt: o.createdAt.toISOString(),
  }));
}

export async function toOrganisationDto(manager: EntityManager, organisation: Organisation): Promise<OrganisationDto> {
  const [dto] = await toOrganisationDtos(manager, [organisation]);
  return dto as OrganisationDto;
}
