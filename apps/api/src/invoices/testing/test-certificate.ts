import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  certificatePem: string;
  privateKeyPem: string;
  pkcs12: Buffer;
  pkcs12Password: string;
}

/**
 * A self-signed RSA certificate made by `openssl`, the way a seller's token would export it (PEM
 * pair and a password-protected .p12). Tests only: a real certificate comes from a licensed CA.
 */
export function makeTestCertificate(
  subject = '/CN=HTX Nong san Dong Kinh/serialNumber=MST:0100233488/C=VN',
): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'invoice-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const p12 = join(dir, 'cert.p12');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30', '-subj', subject],
      {
        stdio: 'ignore',
      },
    );
    execFileSync(
      'openssl',
      ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', 'pass:mat-khau-p12'],
      {
        stdio: 'ignore',
      },
    );
    return {
      certificatePem: readFileSync(cert, 'utf8'),
      privateKeyPem: readFileSync(key, 'utf8'),
      pkcs12: readFileSync(p12),
      pkcs12Password: 'mat-khau-p12',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
