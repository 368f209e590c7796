import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { businessDateTime } from '../business-date.js';
import { type SigningCertificate, x509Name } from '../certificates.js';
import { SIGNED_DATA_ID } from './invoice-xml.js';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SIGNATURE_ID = 'NBan';
const SIGNING_TIME_ID = 'NBan-SigningTime';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The seller's enveloped signature in `DSCKS/NBan`, as the decision asks: it covers `DLHDon` and
 * the signing time (an `Object/SignatureProperties/SignatureProperty` with a `Target`), and
 * `KeyInfo/X509Data` names the subject and carries the certificate.
 */
export function signInvoiceXml(xml: string, signing: SigningCertificate, signingTime: Date): string {
  const certificate = new X509Certificate(signing.certificatePem);
  const signer = new SignedXml({
    privateKey: signing.privateKeyPem,
    publicCert: signing.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
    getKeyInfoContent: () =>
      `<X509Data><X509SubjectName>${escapeXml(x509Name(certificate.subject))}</X509SubjectName>` +
      `<X509Certificate>${certificate.raw.toString('base64')}</X509Certificate></X509Data>`,
    objects: [
      {
        attributes: { Id: SIGNING_TIME_ID },
        content:
          `<SignatureProperties><SignatureProperty Target="#${SIGNATURE_ID}">` +
          `<SigningTime>${businessDateTime(signingTime)}</SigningTime></SignatureProperty></SignatureProperties>`,
      },
    ],
  });
  signer.addReference({
    xpath: `//*[@Id='${SIGNED_DATA_ID}']`,
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256,
  });
  signer.addReference({ xpath: `//*[@Id='${SIGNING_TIME_ID}']`, transforms: [EXC_C14N], digestAlgorithm: SHA256 });
  signer.computeSignature(xml, {
    attrs: { Id: SIGNATURE_ID },
    location: { reference: "/*[local-name()='HDon']/*[local-name()='DSCKS']/*[local-name()='NBan']", action: 'append' },
  });
  return signer.getSignedXml();
}

export interface SignatureCheck {
  valid: boolean;
  /** Subject of the certificate that signed, when the signature is valid. */
  signer?: string;
}

/**
 * Verifies the seller's signature. With `trustedCertificatePem` the signature must come from that
 * certificate; without it, the embedded certificate is used (integrity only, not identity).
 * A signature that does not cover the one and only `DLHDon` is refused, whatever else it covers.
 */
export function verifyInvoiceXml(xml: string, trustedCertificatePem?: string): SignatureCheck {
  try {
    const document = new DOMParser().parseFromString(xml, 'text/xml');
    const signatures = document.getElementsByTagNameNS(DSIG_NS, 'Signature');
    const signatureNode = signatures.item(0);
    if (!signatureNode || signatures.length !== 1) return { valid: false };
    let signedData = 0;
    const all = document.getElementsByTagName('*');
    for (let i = 0; i < all.length; i++) if (all.item(i)?.getAttribute('Id') === SIGNED_DATA_ID) signedData++;
    if (signedData !== 1) return { valid: false };

    const verifier = new SignedXml(
      trustedCertificatePem
        ? { publicCert: trustedCertificatePem }
        : { getCertFromKeyInfo: SignedXml.getCertFromKeyInfo },
    );
    verifier.loadSignature(signatureNode);
    if (!verifier.checkSignature(xml)) return { valid: false };
    const coversData = verifier.getReferences().some((reference) => reference.uri === `#${SIGNED_DATA_ID}`);
    if (!coversData) return { valid: false };
    const keyInfo = signatureNode.getElementsByTagNameNS(DSIG_NS, 'KeyInfo').item(0);
    const certificate = trustedCertificatePem ?? SignedXml.getCertFromKeyInfo(keyInfo as never);
    return { valid: true, ...(certificate ? { signer: x509Name(new X509Certificate(certificate).subject) } : {}) };
  } catch {
    return { valid: false };
  }
}
