/**
 * Payment credentials the browser tests' API runs with: made up, never valid anywhere. VNPay's
 * host is never reached (the tests stand in for VNPay's page in the browser and send its signed
 * IPN themselves), and QueryDR is pointed at a closed port so nothing leaves the machine.
 */
export const TEST_VNPAY = {
  tmnCode: 'OCOPTEST',
  secret: 'VNPAYTESTSECRET0123456789ABCDEFG',
  host: 'https://sandbox.vnpayment.vn',
} as const;

export const TEST_BANK = {
  bin: '970436',
  accountNumber: '0011004123456',
  accountName: 'SAN OCOP TINH LANG SON',
  webhookKey: 'bank-feed-key-9f8e7d6c5b4a3210',
} as const;

export const PAYMENT_TEST_ENV: Record<string, string> = {
  VNPAY_TMN_CODE: TEST_VNPAY.tmnCode,
  VNPAY_SECURE_SECRET: TEST_VNPAY.secret,
  VNPAY_HOST: TEST_VNPAY.host,
  VNPAY_API_HOST: 'http://127.0.0.1:9',
  VIETQR_BANK_BIN: TEST_BANK.bin,
  VIETQR_ACCOUNT_NUMBER: TEST_BANK.accountNumber,
  VIETQR_ACCOUNT_NAME: TEST_BANK.accountName,
  BANK_WEBHOOK_API_KEY: TEST_BANK.webhookKey,
};
