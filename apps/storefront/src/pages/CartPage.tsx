import { formatDong } from '@ocop/shared';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiRequestError } from '../api/request';
import { shippingText, useShippingProvince } from '../cart/shipping';
import { type Cart, type CartLine, type CartSellerGroup, useCart, useCartActions } from '../cart/useCart';
import { ErrorPanel } from '../components/ErrorPanel';
import { PageStatus } from '../components/PageStatus';
import { QuantityInput } from '../components/QuantityInput';
import { errorMessageKey } from '../errors';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import { useProvinces } from '../places';

export default function CartPage() {
  const { t } = useI18n();
  useDocumentTitle(t('cart.metaTitle'));
  const [provinceCode] = useShippingProvince();
  const cart = useCart(provinceCode);

  return (
    <div className="cart-page">
      <h1>{t('cart.title')}</h1>
      {cart.isError ? (
        <ErrorPanel title={t('cart.error')} error={cart.error} onRetry={() => void cart.refetch()} />
      ) : cart.isPending || !cart.data ? (
        <PageStatus>{t('cart.loading')}</PageStatus>
      ) : cart.data.sellers.length === 0 ? (
        <div className="panel panel-empty" data-testid="cart-empty">
          <p className="panel-title">{t('cart.empty')}</p>
          <p className="muted">{t('cart.emptyHint')}</p>
          <Link to="/tim-kiem" className="button">
            {t('cart.browse')}
          </Link>
        </div>
      ) : (
        <CartView cart={cart.data} updating={cart.isFetching} />
      )}
    </div>
  );
}

function CartView({ cart, updating }: { cart: Cart; updating: boolean }) {
  const { t, tn } = useI18n();
  const sellerCount = cart.sellers.length;
  return (
    <>
      <ShippingProvincePicker />
      <p className="muted">
        {tn('cart.summaryLine', cart.itemCount, { sellers: tn('cart.sellerCount', sellerCount) })}
      </p>
      <div className="cart-groups" aria-busy={updating}>
        {cart.sellers.map((group) => (
          <SellerGroup key={group.organisationId} group={group} />
        ))}
      </div>
      <CartTotals cart={cart} />
      <div className="cart-actions">
        {cart.ready ? (
          <Link to="/thanh-toan" className="button button-block">
            {t('cart.checkout')}
          </Link>
        ) : (
          <>
            <button type="button" className="button button-block" disabled aria-describedby="cart-not-ready">
              {t('cart.checkout')}
            </button>
            <p id="cart-not-ready" className="field-error">
              {t('cart.notReady')}
            </p>
          </>
        )}
        <Link to="/tim-kiem" className="button button-secondary button-block">
          {t('cart.continue')}
        </Link>
      </div>
    </>
  );
}

function ShippingProvincePicker() {
  const { t } = useI18n();
  const id = useId();
  const provinces = useProvinces();
  const [provinceCode, setProvinceCode] = useShippingProvince();
  return (
    <div className="field ship-to">
      <label htmlFor={id}>{t('cart.shipTo')}</label>
      <select
        id={id}
        value={provinceCode ?? ''}
        disabled={!provinces.data}
        onChange={(event) => setProvinceCode(event.target.value)}
      >
        {(provinces.data ?? []).map((province) => (
          <option key={province.code} value={province.code}>
            {province.name}
          </option>
        ))}
      </select>
      <p className="hint">{t('cart.shipToHint')}</p>
    </div>
  );
}

function SellerGroup({ group }: { group: CartSellerGroup }) {
  const { t } = useI18n();
  const titleId = useId();
  return (
    <section className="cart-seller" aria-labelledby={titleId} data-testid="cart-seller">
      <h2 id={titleId} className="cart-seller-name">
        {group.organisationSlug ? (
          <Link to={`/cua-hang/${group.organisationSlug}`}>{group.organisationName}</Link>
        ) : (
          group.organisationName
        )}
      </h2>
      <ul className="cart-lines">
        {group.lines.map((line) => (
          <CartLineRow key={line.variantId} line={line} />
        ))}
      </ul>
      <dl className="cart-seller-totals">
        <div>
          <dt>{t('cart.goods')}</dt>
          <dd>{formatDong(group.goodsTotal)}</dd>
        </div>
        <div data-testid="seller-shipping">
          <dt>{t('cart.shipping')}</dt>
          <dd>{shippingText(t, group.shippingFee)}</dd>
        </div>
      </dl>
    </section>
  );
}

function problemText(t: ReturnType<typeof useI18n>['t'], line: CartLine): string | null {
  switch (line.problem) {
    case 'unavailable':
      return t('cart.problem.unavailable');
    case 'out_of_stock':
      return t('cart.problem.outOfStock');
    case 'insufficient_stock':
      return t('cart.problem.insufficient', { count: line.stock });
    default:
      return null;
  }
}

function CartLineRow({ line }: { line: CartLine }) {
  const { t } = useI18n();
  const ids = { problem: useId() };
  const { setQuantity, remove } = useCartActions();
  const [refusal, setRefusal] = useState<unknown>(null);
  const busy = setQuantity.isPending || remove.isPending;
  const problem = problemText(t, line);

  const change = (quantity: number) => {
    setRefusal(null);
    setQuantity.mutate({ variantId: line.variantId, quantity }, { onError: (error) => setRefusal(error) });
  };

  const refusalText =
    refusal instanceof ApiRequestError && refusal.code === 'insufficient_stock'
      ? t('cart.onlyLeft', { count: line.stock })
      : refusal
        ? t(errorMessageKey(refusal))
        : null;

  return (
    <li className="cart-line" data-testid="cart-line" aria-busy={busy}>
      <div className="cart-line-main">
        <Link to={`/san-pham/${line.productSlug}`} className="cart-line-name">
          {line.productName}
        </Link>
        <span className="muted small">
          {line.variantLabel} · {formatDong(line.unitPrice)}
        </span>
      </div>
      <div className="cart-line-controls">
        <QuantityInput
          value={line.quantity}
          max={line.stock}
          onChange={change}
          disabled={busy || line.problem === 'unavailable'}
          label={t('cart.quantityOf', { name: line.productName })}
          describedBy={problem || refusalText ? ids.problem : undefined}
        />
        <strong className="cart-line-total">{formatDong(line.lineTotal)}</strong>
        <button
          type="button"
          className="link-button danger"
          disabled={busy}
          onClick={() => remove.mutate({ variantId: line.variantId }, { onError: (error) => setRefusal(error) })}
        >
          {t('cart.remove')}
          <span className="visually-hidden"> {line.productName}</span>
        </button>
      </div>
      {problem || refusalText ? (
        <p id={ids.problem} className="field-error" role="alert" data-testid="line-problem">
          {refusalText ?? problem}
        </p>
      ) : null}
    </li>
  );
}

function CartTotals({ cart }: { cart: Cart }) {
  const { t } = useI18n();
  return (
    <dl className="totals" data-testid="cart-totals">
      <div>
        <dt>{t('cart.goods')}</dt>
        <dd>{formatDong(cart.goodsTotal)}</dd>
      </div>
      <div>
        <dt>{t('cart.shippingTotal')}</dt>
        <dd>{shippingText(t, cart.shippingTotal)}</dd>
      </div>
      <div className="totals-grand">
        <dt>{t('cart.grandTotal')}</dt>
        <dd>{cart.grandTotal === null ? t('cart.shippingUnknown') : formatDong(cart.grandTotal)}</dd>
      </div>
    </dl>
  );
}
