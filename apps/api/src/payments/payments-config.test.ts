import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../core/config/app-config.js';
import { accessTokenMatches, newAccessToken } from './payment-access-token.js';
import { withoutSecrets } from './stripe-webhook.service.js';

describe('payment settings', () => {
  it('start with no online method and the VNPay sandbox host', () => {
    const config = parseConfig({});
    expect(config.VNPAY_HOST).toBe('https://sandbox.vnpayment.vn');
    expect(config.VNPAY_TMN_CODE).toBeUndefined();
    expect(config.STRIPE_SECRET_KEY).toBeUndefined();
    expect(config.PAYMENT_JOBS_ENABLED).toBeUndefined();
  });

  it('refuse a method configured by halves, naming what is missing', () => {
    expect(() => parseConfig({ VNPAY_TMN_CODE: 'TEST0001' })).toThrow(/VNPAY_SECURE_SECRET/);
    expect(() => parseConfig({ STRIPE_SECRET_KEY: 'sk_test_abc' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    let error: unknown;
    try {
      parseConfig({ VIETQR_BANK_BIN: '970436', VIETQR_ACCOUNT_NUMBER: '0011004123456' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/VIETQR_ACCOUNT_NAME, BANK_WEBHOOK_API_KEY/);
  });

  it('refuse malformed credentials', () => {
    expect(() => parseConfig({ STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toThrow(
      /STRIPE_SECRET_KEY/,
    );
    expect(() => parseConfig({ VIETQR_BANK_BIN: '97043' })).toThrow(/VIETQR_BANK_BIN/);
  });
});

describe('payment access tokens', () => {
  it('match only the token they were made from', () => {
    const { token, hash } = newAccessToken();
    expect(hash).not.toContain(token);
    expect(accessTokenMatches(token, hash)).toBe(true);
    expect(accessTokenMatches(`${token}x`, hash)).toBe(false);
    expect(accessTokenMatches(undefined, hash)).toBe(false);
  });
});

describe('stored payloads', () => {
  it('lose every client secret, however deep', () => {
    const event = {
      id: 'evt_1',
      data: { object: { id: 'pi_1', client_secret: 'pi_1_secret_abc', charges: [{ secret: 's' }] } },
    };
    expect(JSON.stringify(withoutSecrets(event))).not.toMatch(/secret_abc|"s"/);
    expect(withoutSecrets(event)).toMatchObject({ data: { object: { id: 'pi_1', client_secret: '[removed]' } } });
  });
});
