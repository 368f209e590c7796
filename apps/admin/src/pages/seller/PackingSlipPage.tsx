import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/request';
import { useAccount } from '../../auth/useAuth';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHead } from '../../components/PageHead';
import { PageStatus } from '../../components/PageStatus';
import { formatDateTime, formatPhone } from '../../format';
import { useDocumentTitle } from '../../hooks';
import { useI18n } from '../../i18n/I18nProvider';
import { sellerKeys, useMyOrganisation } from '../../queries';

/**
 * The sheet that goes into the parcel: what was ordered, to tick off while packing. The print
 * stylesheet hides the app around it, so "Print" gives just the slip on A4 or A5.
 */
export function PackingSlipPage() {
  const { id = '' } = useParams();
  const { t, language, formatNumber } = useI18n();
  const account = useAccount();
  const organisation = useMyOrganisation();
  const order = useQuery({
    queryKey: sellerKeys.order(account.id, id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/seller/orders/{id}', { params: { path: { id } }, signal })),
  });
  useDocumentTitle(order.data ? t('slip.metaTitle', { code: order.data.code }) : t('slip.title'));
  const back = { to: `/orders/${id}`, label: t('slip.back') };

  if (order.isPending || organisation.isPending) return <PageStatus>{t('common.loading')}</PageStatus>;
  if (order.isError || organisation.isError) {
    const error = order.error ?? organisation.error;
    return (
      <>
        <PageHead title={t('slip.title')} back={back} />
        <ErrorPanel
          title={t('slip.error')}
          error={error}
          onRetry={() => {
            void order.refetch();
            void organisation.refetch();
          }}
        />
      </>
    );
  }

  const seller = organisation.data;
  const recipient = order.data.recipient;
  const units = order.data.lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <>
      <PageHead
        title={t('slip.title')}
        back={back}
        intro={t('slip.intro')}
        actions={
          <button type="button" className="button" onClick={() => window.print()}>
            {t('slip.print')}
          </button>
        }
      />
      <article className="packing-slip" aria-label={t('slip.title')} data-testid="packing-slip">
        <header className="slip-header">
          <div>
            <p className="slip-seller">{seller.name}</p>
            <p>{[seller.streetAddress, seller.commune?.name].filter(Boolean).join(', ')}</p>
            {seller.contactPhone ? <p>{t('slip.phone', { phone: formatPhone(seller.contactPhone) })}</p> : null}
          </div>
          <div className="slip-order">
            <p className="slip-heading">{t('slip.heading')}</p>
            <p className="slip-code" data-testid="slip-code">
              {order.data.code}
            </p>
            <p>{t('slip.placedAt', { time: formatDateTime(language, order.data.createdAt) })}</p>
          </div>
        </header>
        {recipient ? (
          <section className="slip-recipient" aria-labelledby="slip-recipient-title" data-testid="slip-recipient">
            <p id="slip-recipient-title" className="slip-heading">
              {t('slip.recipient')}
            </p>
            <p className="slip-seller">{recipient.name}</p>
            <p>{t('slip.phone', { phone: formatPhone(recipient.phone) })}</p>
            <p>{[recipient.streetAddress, recipient.communeName, recipient.provinceName].join(', ')}</p>
          </section>
        ) : null}
        <table className="slip-table">
          <thead>
            <tr>
              <th scope="col" className="slip-check">
                <span className="visually-hidden">{t('slip.checked')}</span>
              </th>
              <th scope="col">{t('slip.product')}</th>
              <th scope="col">{t('slip.sku')}</th>
              <th scope="col">{t('slip.batch')}</th>
              <th scope="col" className="number">
                {t('slip.quantity')}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.data.lines.map((line) => (
              <tr key={line.id}>
                <td className="slip-check">
                  <span className="slip-box" aria-hidden="true" />
                </td>
                <td>
                  {line.productName}
                  <span className="cell-note">{line.variantLabel}</span>
                </td>
                <td>{line.sku}</td>
                <td data-testid="slip-batch">
                  {line.batchCode ? `${line.batchLot ?? ''} · ${line.batchCode}` : t('slip.noBatch')}
                </td>
                <td className="number">{formatNumber(line.quantity)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {t('slip.units')}
              </th>
              <td className="number">{formatNumber(units)}</td>
            </tr>
          </tfoot>
        </table>
        <footer className="slip-footer">
          <p>{t('slip.thanks', { seller: seller.name })}</p>
          <div className="slip-signatures">
            <p>{t('slip.packedBy')}</p>
            <p>{t('slip.checkedBy')}</p>
          </div>
        </footer>
      </article>
    </>
  );
}
