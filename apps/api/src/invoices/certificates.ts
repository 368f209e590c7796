import { createPrivateKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/** A seller's signing key and certificate, as PEM; stored only encrypted. */
export interface SigningCertificate {
  certificatePem: string;
  privateKeyPem: string;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: Date;
  validTo: Date;
}

export class CertificateError extends Error {
  constructor(
    readonly code:
      | 'certificate_unreadable'
      | 'certificate_wrong_password'
      | 'certificate_key_mismatch'
      | 'certificate_expired'
      | 'certificate_unsupported_key',
    message: string,
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}

/** Reads a .p12/.pfx file (what Vietnamese CA tokens export) into PEM. */
export function readPkcs12(data: Buffer, password: string): SigningCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(data.toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, password);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|mac|decrypt/i.test(message)) {
      throw new CertificateError('certificate_wrong_password', 'The password does not open this certificate file');
    }
    throw new CertificateError('certificate_unreadable', 'The file is not a PKCS#12 (.p12/.pfx) certificate');
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag ?? ''] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag ?? ''] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag ?? ''] ?? [];
  const key = keyBags.find((bag) => bag.key)?.key;
  if (!key) throw new CertificateError('certificate_unsupported_key', 'The file holds no RSA private key');
  const privateKeyPem = forge.pki.privateKeyToPem(key);
  // The file may carry the CA chain too; the seller's certificate is the one matching the key.
  for (const bag of certBags) {
    if (!bag.cert) continue;
    const certificatePem = forge.pki.certificateToPem(bag.cert);
    if (new X509Certificate(certificatePem).checkPrivateKey(createPrivateKey(privateKeyPem))) {
      return { certificatePem, privateKeyPem };
    }
  }
  throw new CertificateError('certificate_key_mismatch', 'No certificate in the file matches its private key');
}

/** Accepts a PEM certificate and a PEM key (PKCS#1 or PKCS#8, optionally encrypted). */
export function readPem(certificatePem: string, privateKeyPem: string, passphrase?: string): SigningCertificate {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    throw new CertificateError('certificate_unreadable', 'The certificate is not a PEM X.509 certificate');
  }
  let key;
  try {
    key = createPrivateKey({ key: privateKeyPem, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch {
    throw new CertificateError(
      'certificate_wrong_password',
      'The private key cannot be read (wrong passphrase or not PEM)',
    );
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new CertificateError('certificate_key_mismatch', 'The private key does not belong to the certificate');
  }
  return {
    certificatePem: certificate.toString(),
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * Checks what signing needs (an RSA key, since the invoice uses RSA-SHA256, and a certificate in
 * force) and describes the certificate for the seller's screen.
 */
export function describeCertificate(signing: SigningCertificate, now: Date): CertificateSummary {
  const certificate = new X509Certificate(signing.certificatePem);
  const key = createPrivateKey(signing.privateKeyPem);
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CertificateError('certificate_unsupported_key', 'Only RSA keys can sign invoices (RSA-SHA256)');
  }
  const validFrom = new Date(certificate.validFrom);
  const validTo = new Date(certificate.validTo);
  if (validTo.getTime() < now.getTime() || validFrom.getTime() > now.getTime()) {
    throw new CertificateError('certificate_expired', 'The certificate is not valid today');
  }
  return {
    subject: x509Name(certificate.subject),
    issuer: x509Name(certificate.issuer),
    serialNumber: certificate.serialNumber,
    validFrom,
    validTo,
  };
}

/** Node prints one attribute per line, most general first; XMLDSig writes them most specific first. */
export function x509Name(multiline: string): string {
  return multiline.split('\n').filter(Boolean).reverse().join(', ');
}
