import type { Schemas } from '@ocop/api-client';
import { api } from './client';
import { unwrap } from './request';

export type Payment = Schemas['PaymentDto'];
export type PaymentMethod = Schemas['AvailableMethodDto']['method'];
export type VietQr = Schemas['VietQrInstructionsDto'];

export type StartedPayment = Schemas['StartedPaymentDto'];

export function startOrderPayment(
  code: string,
  token: string | undefined,
  method: PaymentMethod,
  language: string,
): Promise<StartedPayment> {
  return unwrap(
    api.POST('/api/orders/{code}/payments', {
      params: { path: { code }, query: token ? { token } : {} },
      body: { method },
      // VNPay shows its page in the language the API reads from here.
      headers: { 'Accept-Language': language },
    }),
  );
}

export function fetchPayment(id: string, accessToken: string, signal?: AbortSignal): Promise<Payment> {
  return unwrap(
    api.GET('/api/payments/{id}', {
      // The document lists the header under both spellings; they are one header (case-insensitive).
      params: { path: { id }, header: { 'X-Payment-Token': accessToken, 'x-payment-token': accessToken } },
      signal,
    }),
  );
}

/** An <img> cannot send headers, so the QR image takes the token in its address. */
export function vietQrImageUrl(id: string, accessToken: string): string {
  return `/api/payments/${encodeURIComponent(id)}/vietqr.svg?token=${encodeURIComponent(accessToken)}`;
}

export function fetchPaymentMethods(signal?: AbortSignal) {
  return unwrap(api.GET('/api/payments/methods', { signal }));
}
