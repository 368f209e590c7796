import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateError, describeCertificate, readPem, readPkcs12 } from '../certificates.js';
import { makeTestCertificate, type TestCertificate } from '../testing/test-certificate.js';
import { sampleDocument } from '../testing/sample-invoice.js';
import { buildInvoiceXml } from './invoice-xml.js';
import { readInvoiceXml } from './invoice-xml-reader.js';
import { signInvoiceXml, verifyInvoiceXml } from './xml-signature.js';

describe('XMLDSig of the seller', () => {
  let certificate: TestCertificate;
  let signed: string;
  beforeAll(() => {
    certificate = makeTestCertificate();
    signed = signInvoiceXml(buildInvoiceXml(sampleDocument()), certificate, new Date('2026-03-15T03:21:05Z'));
  });

  it('signs DLHDon and the signing time with RSA-SHA256 and exclusive C14N', () => {
    const signature = readInvoiceXml(signed).HDon.DSCKS.NBan.Signature;
    expect(signature['@Id']).toBe('NBan');
    expect(signature.SignedInfo.CanonicalizationMethod['@Algorithm']).toBe('http://www.w3.org/2001/10/xml-exc-c14n#');
    expect(signature.SignedInfo.SignatureMethod['@Algorithm']).toBe(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    );
    expect(signature.SignedInfo.Reference.map((r: { '@URI': string }) => r['@URI'])).toEqual([
      '#DLHDon',
      '#NBan-SigningTime',
    ]);
    expect(signature.KeyInfo.X509Data.X509SubjectName).toContain('CN=HTX Nong san Dong Kinh');
    expect(signature.Object.SignatureProperties.SignatureProperty).toMatchObject({
      '@Target': '#NBan',
      SigningTime: '2026-03-15T10:21:05',
    });
  });

  it('verifies, with the seller certificate or the embedded one', () => {
    expect(verifyInvoiceXml(signed, certificate.certificatePem).valid).toBe(true);
    expect(verifyInvoiceXml(signed)).toMatchObject({
      valid: true,
      signer: expect.stringContaining('HTX Nong san Dong Kinh'),
    });
  });

  it('fails when an amount, a name or the signing time is changed', () => {
    expect(verifyInvoiceXml(signed.replace('<TgTTTBSo>2586000</TgTTTBSo>', '<TgTTTBSo>2586001</TgTTTBSo>')).valid).toBe(
      false,
    );
    expect(
      verifyInvoiceXml(signed.replace('<ThTien>920000</ThTien>', '<ThTien>92000</ThTien>'), certificate.certificatePem)
        .valid,
    ).toBe(false);
    expect(verifyInvoiceXml(signed.replace('Sơn Trà</Ten>', 'Sơn Tra</Ten>')).valid).toBe(false);
    expect(verifyInvoiceXml(signed.replace('10:21:05', '10:21:06')).valid).toBe(false);
  });

  it('fails against another certificate, and on an unsigned invoice', () => {
    const other = makeTestCertificate('/CN=Someone else/C=VN');
    expect(verifyInvoiceXml(signed, other.certificatePem).valid).toBe(false);
    expect(verifyInvoiceXml(buildInvoiceXml(sampleDocument())).valid).toBe(false);
  });

  it('reads a password-protected .p12 and a PEM pair into the same key', () => {
    const fromP12 = readPkcs12(certificate.pkcs12, certificate.pkcs12Password);
    const fromPem = readPem(certificate.certificatePem, certificate.privateKeyPem);
    expect(fromP12.certificatePem.replace(/\r/g, '')).toBe(fromPem.certificatePem.replace(/\r/g, ''));
    const again = signInvoiceXml(buildInvoiceXml(sampleDocument()), fromP12, new Date());
    expect(verifyInvoiceXml(again, fromPem.certificatePem).valid).toBe(true);
    expect(describeCertificate(fromP12, new Date())).toMatchObject({
      subject: expect.stringContaining('CN=HTX Nong san Dong Kinh'),
    });
  });

  it('says why a certificate cannot be used', () => {
    expect(() => readPkcs12(certificate.pkcs12, 'sai-mat-khau')).toThrow(CertificateError);
    expect(() => readPkcs12(Buffer.from('not a certificate'), 'x')).toThrow(CertificateError);
    const other = makeTestCertificate('/CN=Other/C=VN');
    expect(() => readPem(certificate.certificatePem, other.privateKeyPem)).toThrow(/does not belong/);
    expect(() =>
      describeCertificate(readPem(certificate.certificatePem, certificate.privateKeyPem), new Date('2040-01-01')),
    ).toThrow(/not valid today/);
  });
});
