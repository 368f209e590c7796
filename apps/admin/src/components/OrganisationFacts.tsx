import type { Schemas } from '@ocop/api-client';
import type { ReactNode } from 'react';
import { formatDateTime, formatPhone } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import { bankName } from '../banks';

type Organisation = Schemas['OrganisationDto'];

/** The profile an organisation gave, as the officer reviews it and the seller checks it. */
export function OrganisationFacts({ organisation }: { organisation: Organisation }) {
  const { t, language } = useI18n();
  const none = <span className="muted">{t('common.none')}</span>;
  const yesNo = (value: boolean) => t(value ? 'common.yes' : 'common.no');
  const facts: [string, ReactNode][] = [
    [t('organisation.legalType'), t(`legalType.${organisation.legalType}`)],
    [
      t('organisation.taxCode'),
      organisation.taxCode ? (
        <>
          {organisation.taxCode}
          {organisation.taxCodeChecksumOk === false ? (
            <span className="cell-note text-warning" data-testid="tax-code-warning">
              {t('organisation.taxCodeChecksum')}
            </span>
          ) : null}
        </>
      ) : (
        none
      ),
    ],
    [t('organisation.businessRegistrationNumber'), organisation.businessRegistrationNumber ?? none],
    [
      t('organisation.address'),
      [organisation.streetAddress, organisation.commune?.name].filter(Boolean).join(', ') || none,
    ],
    [t('organisation.contactName'), organisation.contactName],
    [t('organisation.contactPhone'), organisation.contactPhone ? formatPhone(organisation.contactPhone) : none],
    [t('organisation.contactEmail'), organisation.contactEmail ?? none],
    [
      t('organisation.bankAccount'),
      organisation.bankAccount ? (
        <span data-testid="bank-account">
          {organisation.bankAccount.accountNumber} · {organisation.bankAccount.accountName}
          <span className="cell-note">
            {bankName(organisation.bankAccount.bin) ?? `BIN ${organisation.bankAccount.bin}`}
          </span>
        </span>
      ) : (
        none
      ),
    ],
    [t('organisation.isSme'), yesNo(organisation.isSme)],
    [t('organisation.womenOwned'), yesNo(organisation.womenOwned)],
    [
      t('organisation.websiteUrl'),
      organisation.websiteUrl ? (
        <a href={organisation.websiteUrl} target="_blank" rel="noreferrer noopener">
          {organisation.websiteUrl}
        </a>
      ) : (
        none
      ),
    ],
    [
      t('organisation.marketplaceStores'),
      organisation.marketplaceStores.length > 0 ? (
        <ul className="plain-list">
          {organisation.marketplaceStores.map((store) => (
            <li key={store.url}>
              <a href={store.url} target="_blank" rel="noreferrer noopener">
                {store.marketplace}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        none
      ),
    ],
    [
      t('organisation.createdAt'),
      <time key="created" dateTime={organisation.createdAt}>
        {formatDateTime(language, organisation.createdAt)}
      </time>,
    ],
  ];
  return (
    <>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {organisation.story ? (
        <div className="story">
          <h3>{t('organisation.story')}</h3>
          <p>{organisation.story}</p>
        </div>
      ) : null}
    </>
  );
}
