import type { Schemas } from '@ocop/api-client';
import { formatDong } from '@ocop/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type InputHTMLAttributes, useId, useRef, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { api } from '../api/client';
import { fetchPaymentMethods, type PaymentMethod } from '../api/payments';
import { ApiRequestError, unwrap } from '../api/request';
import { useAuth } from '../auth/useAuth';
import { cartTokenHeaders } from '../cart/cartToken';
import { shippingText, useShippingProvince } from '../cart/shipping';
import { type Cart, useCart } from '../cart/useCart';
import { addressKey, rememberAddress, type SavedAddress, savedAddresses } from '../checkout/savedAddresses';
import { ErrorPanel } from '../components/ErrorPanel';
import { followStartedPayment } from '../components/OrderPayment';
import { PageStatus } from '../components/PageStatus';
import { errorMessageKey } from '../errors';
import { formatPhone } from '../format';
import { useDocumentTitle } from '../hooks';
import { useI18n } from '../i18n/I18nProvider';
import type { PlainMessageKey } from '../i18n/translator';
import { rememberGuestOrder } from '../orders/orderAccess';
import { useCommunes, useProvinces } from '../places';
import { useStoredValue } from '../storage';

// The same rules as the API's checkout DTO, so most mistakes are shown before anything is sent.
const PHONE = /^(?:\+?84|0)[1-9]\d{8,9}$/;
const TAX_CODE = /^\d{10}(\d{3})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const stripSeparators = (value: string) => value.replace(/[\s.-]/g, '');
const COMMUNE_KINDS = ['ward', 'commune', 'special_zone'] as const;

type Field =
  | 'buyerName'
  | 'buyerPhone'
  | 'buyerEmail'
  | 'recipientName'
  | 'recipientPhone'
  | 'province'
  | 'commune'
  | 'street'
  | 'invoiceName'
  | 'invoiceTaxCode'
  | 'invoiceEmail'
  | 'invoiceAddress'
  | 'paymentMethod';
type FieldErrors = Partial<Record<Field, PlainMessageKey>>;

/** The checkout DTO's field paths, as the API names them in a validation error. */
const API_FIELDS: Record<string, Field> = {
  'buyer.name': 'buyerName',
  'buyer.phone': 'buyerPhone',
  'buyer.email': 'buyerEmail',
  'delivery.recipientName': 'recipientName',
  'delivery.recipientPhone': 'recipientPhone',
  'delivery.streetAddress': 'street',
  'delivery.communeCode': 'commune',
  'invoice.name': 'invoiceName',
  'invoice.taxCode': 'invoiceTaxCode',
  'invoice.email': 'invoiceEmail',
  'invoice.address': 'invoiceAddress',
  paymentMethod: 'paymentMethod',
};

// In the order they appear, so the first invalid one is where the focus goes.
const FIELD_ORDER: Field[] = [
  'buyerName',
  'buyerPhone',
  'buyerEmail',
  'recipientName',
  'recipientPhone',
  'province',
  'commune',
  'street',
  'invoiceName',
  'invoiceTaxCode',
  'invoiceEmail',
  'invoiceAddress',
  'paymentMethod',
];

interface FormState {
  buyerName: string;
  buyerPhone: string;
  buyerEmail: string;
  /** The key of a saved address, or 'new'. */
  addressChoice: string;
  recipientIsBuyer: boolean;
  recipientName: string;
  recipientPhone: string;
  province: string;
  commune: string;
  street: string;
  invoiceKind: 'personal' | 'company';
  invoiceName: string;
  invoiceTaxCode: string;
  invoiceEmail: string;
  invoiceAddress: string;
  paymentMethod: PaymentMethod | '';
}

function nationalPhone(phone: string | null | undefined): string {
  return phone ? phone.replace(/^\+84/, '0') : '';
}

export default function CheckoutPage() {
  const { t } = useI18n();
  useDocumentTitle(t('checkout.metaTitle'));
  const auth = useAuth();
  const [provinceCode] = useShippingProvince();
  const cart = useCart(provinceCode);

  // Once the order is placed the cart is empty: that must not send the buyer back to the cart
  // while the order page is still loading.
  const [placed, setPlaced] = useState(false);

  if (placed) return <PageStatus>{t('checkout.placing')}</PageStatus>;
  if (auth.status === 'restoring' || cart.isPending) return <PageStatus>{t('checkout.loading')}</PageStatus>;
  if (cart.isError) {
    return <ErrorPanel title={t('cart.error')} error={cart.error} onRetry={() => void cart.refetch()} />;
  }
  if (cart.data.sellers.length === 0) return <Navigate to="/gio-hang" replace />;
  return <CheckoutForm account={auth.status === 'signedIn' ? auth.account : null} onPlaced={() => setPlaced(true)} />;
}

function initialState(
  account: Schemas['AccountDto'] | null,
  saved: SavedAddress | undefined,
  province: string | null,
): FormState {
  const buyerName = account?.fullName ?? '';
  return {
    buyerName,
    buyerPhone: nationalPhone(account?.phone),
    buyerEmail: account?.email ?? '',
    addressChoice: saved ? addressKey(saved) : 'new',
    recipientIsBuyer: true,
    recipientName: '',
    recipientPhone: '',
    province: saved?.provinceCode ?? province ?? '',
    commune: saved?.communeCode ?? '',
    street: '',
    invoiceKind: 'personal',
    invoiceName: '',
    invoiceTaxCode: '',
    invoiceEmail: '',
    invoiceAddress: '',
    paymentMethod: '',
  };
}

function CheckoutForm({ account, onPlaced }: { account: Schemas['AccountDto'] | null; onPlaced: () => void }) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const saved = useStoredValue(savedAddresses);
  const [shippingProvince, setShippingProvince] = useShippingProvince();
  const [form, setForm] = useState<FormState>(() => initialState(account, saved[0], shippingProvince));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const errorSummaryRef = useRef<HTMLDivElement>(null);

  const savedChoice = saved.find((address) => addressKey(address) === form.addressChoice);
  const destinationProvince = savedChoice?.provinceCode ?? form.province;
  const cart = useCart(destinationProvince || null);
  const provinces = useProvinces();
  const communes = useCommunes(savedChoice ? null : form.province || null);
  const methods = useQuery({ queryKey: ['payment-methods'], queryFn: ({ signal }) => fetchPaymentMethods(signal) });
  const paymentMethod = form.paymentMethod || methods.data?.[0]?.method || '';

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    if (key in errors) setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    if (form.buyerName.trim().length < 2) found.buyerName = 'checkout.required.name';
    if (!form.buyerPhone.trim()) found.buyerPhone = 'checkout.required.phone';
    else if (!PHONE.test(stripSeparators(form.buyerPhone))) found.buyerPhone = 'checkout.invalid.phone';
    if (form.buyerEmail.trim() && !EMAIL.test(form.buyerEmail.trim())) found.buyerEmail = 'checkout.invalid.email';
    if (!savedChoice) {
      if (!form.recipientIsBuyer) {
        if (form.recipientName.trim().length < 2) found.recipientName = 'checkout.required.name';
        if (!form.recipientPhone.trim()) found.recipientPhone = 'checkout.required.phone';
        else if (!PHONE.test(stripSeparators(form.recipientPhone))) found.recipientPhone = 'checkout.invalid.phone';
      }
      if (!form.province) found.province = 'checkout.required.province';
      if (!form.commune) found.commune = 'checkout.required.commune';
      if (form.street.trim().length < 3) found.street = 'checkout.required.street';
    }
    if (form.invoiceKind === 'company') {
      if (form.invoiceName.trim().length < 2) found.invoiceName = 'checkout.required.company';
      if (!TAX_CODE.test(stripSeparators(form.invoiceTaxCode))) found.invoiceTaxCode = 'checkout.invalid.taxCode';
      if (form.invoiceEmail.trim() && !EMAIL.test(form.invoiceEmail.trim()))
        found.invoiceEmail = 'checkout.invalid.email';
      if (form.invoiceAddress.trim() && form.invoiceAddress.trim().length < 3) {
        found.invoiceAddress = 'checkout.required.street';
      }
    }
    if (!paymentMethod) found.paymentMethod = 'checkout.required.payment';
    return found;
  };

  const focusFirst = (found: FieldErrors) => {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const found = validate();
    setErrors(found);
    setFailure(null);
    if (Object.values(found).some(Boolean)) {
      focusFirst(found);
      return;
    }
    const shown = cart.data;
    const delivery = savedChoice
      ? {
          recipientName: savedChoice.recipientName,
          recipientPhone: savedChoice.recipientPhone,
          streetAddress: savedChoice.streetAddress,
          communeCode: savedChoice.communeCode,
        }
      : {
          recipientName: (form.recipientIsBuyer ? form.buyerName : form.recipientName).trim(),
          recipientPhone: stripSeparators(form.recipientIsBuyer ? form.buyerPhone : form.recipientPhone),
          streetAddress: form.street.trim(),
          communeCode: form.commune,
        };
    const buyerEmail = form.buyerEmail.trim() || undefined;
    const invoice =
      form.invoiceKind === 'company'
        ? {
            name: form.invoiceName.trim(),
            taxCode: stripSeparators(form.invoiceTaxCode),
            email: form.invoiceEmail.trim() || undefined,
            address: form.invoiceAddress.trim() || undefined,
          }
        : { name: form.buyerName.trim(), email: buyerEmail };

    setSubmitting(true);
    try {
      const result = await unwrap(
        api.POST('/api/checkout', {
          // The API reads the buyer's language from here for VNPay's payment page.
          headers: { ...cartTokenHeaders(), 'Accept-Language': language },
          body: {
            buyer: { name: form.buyerName.trim(), phone: stripSeparators(form.buyerPhone), email: buyerEmail },
            delivery,
            invoice,
            paymentMethod: paymentMethod as PaymentMethod,
            // The API refuses the order if the total changed since this page showed it.
            expectedGrandTotal: shown?.grandTotal ?? undefined,
          },
        }),
      );
      const { order, orderAccessToken } = result;
      rememberAddress({
        ...delivery,
        communeName: order.communeName,
        provinceCode: destinationProvince,
        provinceName: order.provinceName,
      });
      setShippingProvince(destinationProvince);
      // A signed-in buyer finds the order in their account; a guest only has this token.
      if (!account) rememberGuestOrder(order.code, orderAccessToken);
      onPlaced();
      void client.invalidateQueries({ queryKey: ['cart'] });
      void client.invalidateQueries({ queryKey: ['orders'] });
      const card = result.payment ? followStartedPayment(order.code, result.payment) : null;
      if (result.payment?.action.type === 'redirect') return;
      const tokenQuery = account ? '' : `?token=${encodeURIComponent(orderAccessToken)}`;
      void navigate(`/don-hang/${encodeURIComponent(order.code)}${tokenQuery}`, {
        replace: true,
        state: { placed: true, card, paymentError: result.paymentError },
      });
    } catch (error) {
      setSubmitting(false);
      const fromApi: FieldErrors = {};
      if (error instanceof ApiRequestError && error.code === 'validation_failed') {
        for (const field of error.fields) {
          const mine = API_FIELDS[field.field];
          if (mine) fromApi[mine] = 'checkout.invalid.generic';
        }
      }
      if (error instanceof ApiRequestError && ['total_changed', 'stock_changed'].includes(error.code)) {
        void client.invalidateQueries({ queryKey: ['cart'] });
      }
      setErrors(fromApi);
      setFailure(error);
      // The summary names what went wrong; a field the API refused gets the focus instead when known.
      if (Object.keys(fromApi).length > 0) focusFirst(fromApi);
      else requestAnimationFrame(() => errorSummaryRef.current?.focus());
    }
  };

  return (
    <form ref={formRef} className="checkout" noValidate aria-busy={submitting} onSubmit={(event) => void submit(event)}>
      <h1>{t('checkout.title')}</h1>
      {failure ? (
        <div className="form-error" role="alert" tabIndex={-1} ref={errorSummaryRef} data-testid="checkout-error">
          <p className="panel-title">{t('checkout.failed')}</p>
          <p>{failureText(t, failure)}</p>
          {failure instanceof ApiRequestError && failure.code === 'stock_changed' ? (
            <p>
              <Link to="/gio-hang">{t('checkout.backToCart')}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="checkout-columns">
        <div className="checkout-main">
          <BuyerSection form={form} set={set} errors={errors} signedIn={account !== null} />
          <AddressSection
            form={form}
            set={set}
            errors={errors}
            saved={saved}
            provinces={provinces.data}
            communes={communes.data}
            onProvince={(code) => {
              setForm((current) => ({ ...current, province: code, commune: '' }));
              setShippingProvince(code);
            }}
          />
          <InvoiceSection form={form} set={set} errors={errors} />
          <PaymentSection
            methods={methods}
            value={paymentMethod}
            onChange={(method) => set('paymentMethod', method)}
            error={errors.paymentMethod}
          />
        </div>
        <OrderSummary cart={cart.data} updating={cart.isFetching} submitting={submitting} />
      </div>
    </form>
  );
}

function failureText(t: ReturnType<typeof useI18n>['t'], error: unknown): string {
  if (error instanceof ApiRequestError) {
    switch (error.code) {
      case 'total_changed':
        return t('checkout.totalChanged');
      case 'stock_changed':
        return t('checkout.stockChanged');
      case 'cart_empty':
        return t('checkout.cartEmpty');
      case 'validation_failed':
        return t('checkout.checkFields');
    }
  }
  return t(errorMessageKey(error));
}

interface SectionProps {
  form: FormState;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  errors: FieldErrors;
}

/** A labelled input with its hint and error wired for screen readers. */
function TextField({
  field,
  label,
  value,
  onChange,
  error,
  hint,
  optional,
  ...input
}: {
  field: Field;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: PlainMessageKey;
  hint?: string;
  optional?: boolean;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'autoComplete' | 'inputMode' | 'maxLength'>) {
  const { t } = useI18n();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> {t('checkout.optional')}</span> : null}
      </label>
      <input
        id={id}
        data-field={field}
        name={field}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
        {...input}
      />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

function BuyerSection({ form, set, errors, signedIn }: SectionProps & { signedIn: boolean }) {
  const { t } = useI18n();
  return (
    <fieldset className="section checkout-section">
      <legend>{t('checkout.buyer')}</legend>
      {!signedIn ? (
        <p className="muted small">
          {t('checkout.guestHint')}{' '}
          <Link to="/dang-nhap" state={{ from: '/thanh-toan' }}>
            {t('checkout.signIn')}
          </Link>
        </p>
      ) : null}
      <TextField
        field="buyerName"
        label={t('checkout.name')}
        value={form.buyerName}
        onChange={(value) => set('buyerName', value)}
        error={errors.buyerName}
        autoComplete="name"
        maxLength={120}
      />
      <TextField
        field="buyerPhone"
        label={t('checkout.phone')}
        value={form.buyerPhone}
        onChange={(value) => set('buyerPhone', value)}
        error={errors.buyerPhone}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        hint={t('checkout.phoneHint')}
        maxLength={16}
      />
      <TextField
        field="buyerEmail"
        label={t('checkout.email')}
        value={form.buyerEmail}
        onChange={(value) => set('buyerEmail', value)}
        error={errors.buyerEmail}
        type="email"
        inputMode="email"
        autoComplete="email"
        hint={t('checkout.emailHint')}
        optional
        maxLength={254}
      />
    </fieldset>
  );
}

function AddressSection({
  form,
  set,
  errors,
  saved,
  provinces,
  communes,
  onProvince,
}: SectionProps & {
  saved: SavedAddress[];
  provinces: Schemas['ProvinceDto'][] | undefined;
  communes: Schemas['CommuneDto'][] | undefined;
  onProvince: (code: string) => void;
}) {
  const { t } = useI18n();
  const ids = { province: useId(), commune: useId() };
  const usingNew = !saved.some((address) => addressKey(address) === form.addressChoice);

  return (
    <fieldset className="section checkout-section">
      <legend>{t('checkout.delivery')}</legend>
      {saved.length > 0 ? (
        <div className="choice-list" role="radiogroup" aria-label={t('checkout.savedAddresses')}>
          {saved.map((address) => {
            const key = addressKey(address);
            return (
              <label key={key} className="choice">
                <input
                  type="radio"
                  name="address"
                  checked={form.addressChoice === key}
                  onChange={() => {
                    set('addressChoice', key);
                    set('province', address.provinceCode);
                  }}
                />
                <span>
                  <strong>{address.recipientName}</strong> · {formatPhone(address.recipientPhone)}
                  <br />
                  <span className="muted small">
                    {address.streetAddress}, {address.communeName}, {address.provinceName}
                  </span>
                </span>
              </label>
            );
          })}
          <label className="choice">
            <input type="radio" name="address" checked={usingNew} onChange={() => set('addressChoice', 'new')} />
            <span>{t('checkout.newAddress')}</span>
          </label>
          <p className="hint">{t('checkout.savedHint')}</p>
        </div>
      ) : null}

      {usingNew ? (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={form.recipientIsBuyer}
              onChange={(event) => set('recipientIsBuyer', event.target.checked)}
            />
            {t('checkout.recipientIsBuyer')}
          </label>
          {!form.recipientIsBuyer ? (
            <>
              <TextField
                field="recipientName"
                label={t('checkout.recipientName')}
                value={form.recipientName}
                onChange={(value) => set('recipientName', value)}
                error={errors.recipientName}
                autoComplete="shipping name"
                maxLength={120}
              />
              <TextField
                field="recipientPhone"
                label={t('checkout.recipientPhone')}
                value={form.recipientPhone}
                onChange={(value) => set('recipientPhone', value)}
                error={errors.recipientPhone}
                type="tel"
                inputMode="tel"
                autoComplete="shipping tel"
                maxLength={16}
              />
            </>
          ) : null}
          <div className="field">
            <label htmlFor={ids.province}>{t('checkout.province')}</label>
            <select
              id={ids.province}
              data-field="province"
              value={form.province}
              aria-invalid={errors.province ? true : undefined}
              aria-describedby={errors.province ? `${ids.province}-error` : undefined}
              disabled={!provinces}
              onChange={(event) => onProvince(event.target.value)}
            >
              <option value="">{provinces ? t('checkout.chooseProvince') : t('common.loading')}</option>
              {(provinces ?? []).map((province) => (
                <option key={province.code} value={province.code}>
                  {province.name}
                </option>
              ))}
            </select>
            {errors.province ? (
              <p id={`${ids.province}-error`} className="field-error">
                {t(errors.province)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={ids.commune}>{t('checkout.commune')}</label>
            <select
              id={ids.commune}
              data-field="commune"
              value={form.commune}
              aria-invalid={errors.commune ? true : undefined}
              aria-describedby={errors.commune ? `${ids.commune}-error` : `${ids.commune}-hint`}
              disabled={!form.province || !communes}
              onChange={(event) => set('commune', event.target.value)}
            >
              <option value="">
                {!form.province
                  ? t('checkout.provinceFirst')
                  : communes
                    ? t('checkout.chooseCommune')
                    : t('common.loading')}
              </option>
              {/* Wards, communes and special zones apart, as the official list groups them. */}
              {COMMUNE_KINDS.map((kind) => {
                const ofKind = (communes ?? []).filter((commune) => commune.kind === kind);
                return ofKind.length > 0 ? (
                  <optgroup key={kind} label={t(`communes.kind.${kind}`)}>
                    {ofKind.map((commune) => (
                      <option key={commune.code} value={commune.code}>
                        {commune.name}
                      </option>
                    ))}
                  </optgroup>
                ) : null;
              })}
            </select>
            <p id={`${ids.commune}-hint`} className="hint">
              {t('checkout.communeHint')}
            </p>
            {errors.commune ? (
              <p id={`${ids.commune}-error`} className="field-error">
                {t(errors.commune)}
              </p>
            ) : null}
          </div>
          <TextField
            field="street"
            label={t('checkout.street')}
            value={form.street}
            onChange={(value) => set('street', value)}
            error={errors.street}
            autoComplete="shipping street-address"
            hint={t('checkout.streetHint')}
            maxLength={250}
          />
        </>
      ) : null}
    </fieldset>
  );
}

function InvoiceSection({ form, set, errors }: SectionProps) {
  const { t } = useI18n();
  return (
    <fieldset className="section checkout-section">
      <legend>{t('checkout.invoice')}</legend>
      <p className="muted small">{t('checkout.invoiceIntro')}</p>
      <div className="choice-list">
        <label className="choice">
          <input
            type="radio"
            name="invoiceKind"
            checked={form.invoiceKind === 'personal'}
            onChange={() => set('invoiceKind', 'personal')}
          />
          <span>{t('checkout.invoicePersonal')}</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="invoiceKind"
            checked={form.invoiceKind === 'company'}
            onChange={() => set('invoiceKind', 'company')}
          />
          <span>{t('checkout.invoiceCompany')}</span>
        </label>
      </div>
      {form.invoiceKind === 'company' ? (
        <>
          <TextField
            field="invoiceName"
            label={t('checkout.companyName')}
            value={form.invoiceName}
            onChange={(value) => set('invoiceName', value)}
            error={errors.invoiceName}
            autoComplete="organization"
            maxLength={200}
          />
          <TextField
            field="invoiceTaxCode"
            label={t('checkout.taxCode')}
            value={form.invoiceTaxCode}
            onChange={(value) => set('invoiceTaxCode', value)}
            error={errors.invoiceTaxCode}
            inputMode="numeric"
            hint={t('checkout.taxCodeHint')}
            maxLength={16}
          />
          <TextField
            field="invoiceAddress"
            label={t('checkout.companyAddress')}
            value={form.invoiceAddress}
            onChange={(value) => set('invoiceAddress', value)}
            error={errors.invoiceAddress}
            optional
            maxLength={300}
          />
          <TextField
            field="invoiceEmail"
            label={t('checkout.invoiceEmail')}
            value={form.invoiceEmail}
            onChange={(value) => set('invoiceEmail', value)}
            error={errors.invoiceEmail}
            type="email"
            inputMode="email"
            optional
            maxLength={254}
          />
        </>
      ) : null}
    </fieldset>
  );
}

function PaymentSection({
  methods,
  value,
  onChange,
  error,
}: {
  methods: ReturnType<typeof useQuery<Schemas['AvailableMethodDto'][]>>;
  value: PaymentMethod | '';
  onChange: (method: PaymentMethod) => void;
  error?: PlainMessageKey;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="section checkout-section" data-field="paymentMethod" tabIndex={-1}>
      <legend>{t('checkout.payment')}</legend>
      {methods.isError ? (
        <ErrorPanel title={t('checkout.methodsError')} error={methods.error} onRetry={() => void methods.refetch()} />
      ) : methods.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : methods.data.length === 0 ? (
        <p className="form-error">{t('checkout.noMethods')}</p>
      ) : (
        <div className="choice-list">
          {methods.data.map((option) => (
            <label key={option.method} className="choice">
              <input
                type="radio"
                name="paymentMethod"
                value={option.method}
                checked={value === option.method}
                onChange={() => onChange(option.method)}
              />
              <span>
                <strong>{t(`payment.method.${option.method}`)}</strong>
                <br />
                <span className="muted small">{t(`payment.methodHint.${option.method}`)}</span>
              </span>
            </label>
          ))}
        </div>
      )}
      {error ? <p className="field-error">{t(error)}</p> : null}
    </fieldset>
  );
}

function OrderSummary({
  cart,
  updating,
  submitting,
}: {
  cart: Cart | undefined;
  updating: boolean;
  submitting: boolean;
}) {
  const { t, tn } = useI18n();
  if (!cart) return null;
  return (
    <aside className="section checkout-summary" aria-labelledby="summary-title" aria-busy={updating}>
      <h2 id="summary-title">{t('checkout.summary')}</h2>
      <ul className="summary-sellers">
        {cart.sellers.map((group) => (
          <li key={group.organisationId} data-testid="summary-seller">
            <p className="summary-seller-name">{group.organisationName}</p>
            <ul className="summary-lines">
              {group.lines.map((line) => (
                <li key={line.variantId}>
                  <span>
                    {line.productName} <span className="muted">({line.variantLabel})</span> × {line.quantity}
                  </span>
                  <span>{formatDong(line.lineTotal)}</span>
                </li>
              ))}
            </ul>
            <p className="summary-shipping">
              <span>{t('cart.shipping')}</span>
              <span>{shippingText(t, group.shippingFee)}</span>
            </p>
          </li>
        ))}
      </ul>
      <dl className="totals">
        <div>
          <dt>{tn('checkout.goodsCount', cart.itemCount)}</dt>
          <dd>{formatDong(cart.goodsTotal)}</dd>
        </div>
        <div>
          <dt>{t('cart.shippingTotal')}</dt>
          <dd>{shippingText(t, cart.shippingTotal)}</dd>
        </div>
        <div className="totals-grand">
          <dt>{t('cart.grandTotal')}</dt>
          <dd data-testid="checkout-total">
            {cart.grandTotal === null ? t('cart.shippingUnknown') : formatDong(cart.grandTotal)}
          </dd>
        </div>
      </dl>
      {!cart.ready ? (
        <p className="field-error">
          {t('cart.notReady')} <Link to="/gio-hang">{t('checkout.backToCart')}</Link>
        </p>
      ) : null}
      <button type="submit" className="button button-block" disabled={submitting || !cart.ready || updating}>
        {submitting ? <span className="spinner" aria-hidden="true" /> : null}
        {submitting ? t('checkout.placing') : t('checkout.place')}
      </button>
      <p className="hint">{t('checkout.terms')}</p>
    </aside>
  );
}
