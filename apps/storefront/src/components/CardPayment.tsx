import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** The few Stripe.js calls used here; the full SDK types are not worth a dependency. */
interface StripeElement {
  mount(target: HTMLElement): void;
  destroy(): void;
}
interface StripeElements {
  create(type: 'payment'): StripeElement;
}
interface StripeClient {
  elements(options: { clientSecret: string; locale?: string }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    confirmParams: { return_url: string };
  }): Promise<{ error?: { message?: string } }>;
}
type StripeFactory = (publishableKey: string) => StripeClient;

const STRIPE_JS = 'https://js.stripe.com/v3/';
let loading: Promise<StripeFactory> | null = null;

/**
 * Stripe.js must be loaded from Stripe (PCI rules forbid bundling it), and only the buyers who pay
 * by card need it, so it is fetched when the card form first shows.
 */
function loadStripe(): Promise<StripeFactory> {
  loading ??= new Promise<StripeFactory>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = STRIPE_JS;
    script.async = true;
    script.onload = () => {
      const factory = (window as unknown as { Stripe?: StripeFactory }).Stripe;
      if (factory) resolve(factory);
      else reject(new Error('Stripe.js loaded without Stripe'));
    };
    script.onerror = () => reject(new Error('Stripe.js could not be loaded'));
    document.head.append(script);
  }).catch((error: unknown) => {
    // A later attempt (after the network comes back) loads it again.
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * Stripe's card form. The card number goes from Stripe's own frame to Stripe, never through us;
 * the payment's status is then confirmed by Stripe's webhook to the API, which the page follows.
 */
export function CardPayment({
  clientSecret,
  publishableKey,
  returnUrl,
}: {
  clientSecret: string;
  publishableKey: string | null;
  returnUrl: string;
}) {
  const { t, language } = useI18n();
  const mountPoint = useRef<HTMLDivElement>(null);
  const [stripe, setStripe] = useState<{ client: StripeClient; elements: StripeElements } | null>(null);
  const [failed, setFailed] = useState<string | null>(publishableKey ? null : t('card.unavailable'));
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (!publishableKey) return;
    let element: StripeElement | null = null;
    let cancelled = false;
    loadStripe().then(
      (factory) => {
        if (cancelled || !mountPoint.current) return;
        const client = factory(publishableKey);
        const elements = client.elements({ clientSecret, locale: language });
        element = elements.create('payment');
        element.mount(mountPoint.current);
        setStripe({ client, elements });
        setFailed(null);
      },
      () => {
        if (!cancelled) setFailed(t('card.loadFailed'));
      },
    );
    return () => {
      cancelled = true;
      element?.destroy();
    };
  }, [clientSecret, publishableKey, language, attempt, t]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!stripe || submitting) return;
    setSubmitting(true);
    // On success Stripe sends the browser to returnUrl (after 3-D Secure where the bank asks for it).
    const result = await stripe.client.confirmPayment({
      elements: stripe.elements,
      confirmParams: { return_url: returnUrl },
    });
    setSubmitting(false);
    if (result.error) setFailed(result.error.message ?? t('card.declined'));
  };

  return (
    <form className="card-payment" onSubmit={(event) => void submit(event)} aria-busy={!stripe || submitting}>
      <div ref={mountPoint} className="card-element" />
      {!stripe && !failed ? <p className="muted">{t('card.loading')}</p> : null}
      {failed ? (
        <div className="form-error" role="alert">
          <p>{failed}</p>
          {publishableKey ? (
            <button type="button" className="button button-secondary" onClick={() => setAttempt((n) => n + 1)}>
              {t('common.retry')}
            </button>
          ) : null}
        </div>
      ) : null}
      <button type="submit" className="button button-block" disabled={!stripe || submitting}>
        {submitting ? <span className="spinner" aria-hidden="true" /> : null}
        {t('card.pay')}
      </button>
    </form>
  );
}
