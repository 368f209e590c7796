import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { CertificateError, describeCertificate, readPem, readPkcs12, type SigningCertificate } from './certificates.js';
import type { InvoiceSettingsDto, UpdateInvoiceSettingsDto, UploadCertificateDto } from './dto/invoice-settings.dto.js';
import { type FormNumber, type InvoiceProviderName, type IssueTrigger } from './invoice-model.js';
import { InvoiceSettings } from './invoice-settings.entity.js';
import { displaySymbol, parseSymbol } from './invoice-symbol.js';
import { SecretBox } from './secret-box.js';

/** Invoices are issued at delivery unless the seller says otherwise: ownership passes to the buyer then. */
export const DEFAULT_ISSUE_TRIGGER: IssueTrigger = 'on_delivery';

const CREDENTIAL_FIELDS: Record<InvoiceProviderName, string[]> = {
  builtin: [],
  viettel: ['username', 'password'],
  vnpt: ['account', 'accountPassword', 'username', 'password'],
};

/** Everything the issuer needs, decrypted for the duration of one issue. */
export interface IssuingSettings {
  settings: InvoiceSettings;
  credentials: Record<string, string> | null;
  signing: SigningCertificate | null;
}

const invalid = (field: string, message: string) =>
  new DomainError('validation_failed', 'The request is invalid', HttpStatus.BAD_REQUEST, [
    { field, messages: [message] },
  ]);

const credentialsContext = (organisationId: string) => `invoice-credentials:${organisationId}`;
const certificateContext = (organisationId: string) => `invoice-certificate:${organisationId}`;

@Injectable()
export class InvoiceSettingsService {
  private readonly box: SecretBox | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    // Production must bring its own key: a key derived from the JWT secret would make rotating
    // that secret destroy every stored credential.
    this.box = config.INVOICE_CREDENTIALS_KEY
      ? SecretBox.fromKey(config.INVOICE_CREDENTIALS_KEY)
      : config.NODE_ENV === 'production'
        ? null
        : SecretBox.derivedFrom(config.JWT_SECRET);
  }

  private requireBox(): SecretBox {
    if (!this.box) {
      throw new DomainError(
        'invoice_credentials_key_missing',
        'The platform cannot store secrets until INVOICE_CREDENTIALS_KEY is set',
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    return this.box;
  }

  private organisationOf(user: AuthenticatedUser): string {
    if (!user.organisationId)
      throw new DomainError('organisation_not_found', 'Organisation not found', HttpStatus.NOT_FOUND);
    return user.organisationId;
  }

  async get(user: AuthenticatedUser): Promise<InvoiceSettingsDto> {
    const organisationId = this.organisationOf(user);
    return this.toDto(await this.find(this.db.manager, organisationId));
  }

  async update(user: AuthenticatedUser, input: UpdateInvoiceSettingsDto): Promise<InvoiceSettingsDto> {
    const organisationId = this.organisationOf(user);
    const parsed = parseSymbol(input.symbol);
    if (!parsed) invalidSymbol();
    const formNumber = (parsed?.formNumber ?? input.formNumber ?? 1) as FormNumber;
    if (formNumber !== 1 && formNumber !== 2)
      throw invalid('symbol', 'the form number must be 1 (VAT invoice) or 2 (sales invoice)');
    if (parsed?.formNumber && input.formNumber && parsed.formNumber !== input.formNumber) {
      throw invalid('formNumber', 'formNumber does not match the form number written before the symbol');
    }
    const baseUrl = input.providerBaseUrl?.trim() ? this.checkBaseUrl(input.providerBaseUrl.trim()) : null;
    if (input.provider === 'vnpt' && !baseUrl)
      throw invalid('providerBaseUrl', 'VNPT needs the address of your account’s web services');

    return this.db.transaction(async (manager) => {
      const repository = manager.getRepository(InvoiceSettings);
      const existing = await repository.findOne({
        where: { organisationId },
        select: { organisationId: true, provider: true, credentialsSealed: true },
        lock: { mode: 'pessimistic_write' },
      });
      let credentialsSealed = existing?.credentialsSealed ?? null;
      if (input.credentials === null) credentialsSealed = null;
      else if (input.credentials !== undefined) {
        credentialsSealed = this.requireBox().seal(
          JSON.stringify(this.checkCredentials(input.provider, input.credentials)),
          credentialsContext(organisationId),
        );
      } else if (existing && existing.provider !== input.provider) {
        // Another provider's account is of no use to this one, and keeping it would only be a liability.
        credentialsSealed = null;
      }
      await repository.upsert(
        {
          organisationId,
          provider: input.provider,
          formNumber,
          symbol: parsed?.symbol ?? '',
          issueTrigger: input.issueTrigger,
          providerBaseUrl: input.provider === 'builtin' ? null : baseUrl,
          providerTemplateCode: input.providerTemplateCode?.trim() || null,
          credentialsSealed,
        },
        ['organisationId'],
      );
      return this.toDto(await this.find(manager, organisationId));
    });

    function invalidSymbol(): never {
      throw invalid(
        'symbol',
        'symbol must look like C26TAA or 1C26TAA (C/K, year, type letter T, D, L, M, N, B, G or H, two letters)',
      );
    }
  }

  async uploadCertificate(user: AuthenticatedUser, input: UploadCertificateDto): Promise<InvoiceSettingsDto> {
    const organisationId = this.organisationOf(user);
    let signing: SigningCertificate;
    let summary;
    try {
      if (input.pkcs12Base64) signing = readPkcs12(Buffer.from(input.pkcs12Base64, 'base64'), input.password ?? '');
      else if (input.certificatePem && input.privateKeyPem)
        signing = readPem(input.certificatePem, input.privateKeyPem, input.password);
      else
        throw invalid(
          'pkcs12Base64',
          'send a .p12/.pfx file (pkcs12Base64 and password) or certificatePem with privateKeyPem',
        );
      summary = describeCertificate(signing, new Date());
    } catch (error) {
      if (error instanceof CertificateError)
        throw new DomainError(error.code, error.message, HttpStatus.UNPROCESSABLE_ENTITY);
      throw error;
    }
    const sealed = this.requireBox().seal(JSON.stringify(signing), certificateContext(organisationId));
    return this.db.transaction(async (manager) => {
      const result = await manager.getRepository(InvoiceSettings).update(
        { organisationId },
        {
          certificateSealed: sealed,
          certificateSubject: summary.subject,
          certificateSerial: summary.serialNumber,
          certificateValidFrom: summary.validFrom,
          certificateValidTo: summary.validTo,
        },
      );
      if (!result.affected) {
        throw new DomainError(
          'invoice_settings_not_found',
          'Save the invoice settings before uploading a certificate',
          HttpStatus.CONFLICT,
        );
      }
      return this.toDto(await this.find(manager, organisationId));
    });
  }

  async removeCertificate(user: AuthenticatedUser): Promise<InvoiceSettingsDto> {
    const organisationId = this.organisationOf(user);
    await this.db.getRepository(InvoiceSettings).update(
      { organisationId },
      {
        certificateSealed: null,
        certificateSubject: null,
        certificateSerial: null,
        certificateValidFrom: null,
        certificateValidTo: null,
      },
    );
    return this.get(user);
  }

  async issueTrigger(manager: EntityManager, organisationId: string): Promise<IssueTrigger> {
    const settings = await manager
      .getRepository(InvoiceSettings)
      .findOne({ where: { organisationId }, select: { issueTrigger: true, organisationId: true } });
    return settings?.issueTrigger ?? DEFAULT_ISSUE_TRIGGER;
  }

  /** Decrypts what one issue needs. A value that no longer decrypts (key changed) is reported, not guessed. */
  async forIssuing(manager: EntityManager, organisationId: string): Promise<IssuingSettings | null> {
    const settings = await manager
      .getRepository(InvoiceSettings)
      .createQueryBuilder('s')
      .addSelect(['s.credentialsSealed', 's.certificateSealed'])
      .where('s.organisationId = :organisationId', { organisationId })
      .getOne();
    if (!settings) return null;
    const open = (sealed: string | null, context: string): string | null => {
      if (!sealed) return null;
      try {
        return this.requireBox().open(sealed, context);
      } catch {
        throw Object.assign(new Error('Không giải mã được thông tin bí mật của người bán: hãy nhập lại'), {
          retryable: false,
        });
      }
    };
    const credentials = open(settings.credentialsSealed, credentialsContext(organisationId));
    const certificate = open(settings.certificateSealed, certificateContext(organisationId));
    return {
      settings,
      credentials: credentials ? (JSON.parse(credentials) as Record<string, string>) : null,
      signing: certificate ? (JSON.parse(certificate) as SigningCertificate) : null,
    };
  }

  private async find(
    manager: EntityManager,
    organisationId: string,
  ): Promise<(InvoiceSettings & { hasCredentials: boolean }) | null> {
    const settings = await manager.getRepository(InvoiceSettings).findOneBy({ organisationId });
    if (!settings) return null;
    const [row] = (await manager.query(
      'SELECT credentials_sealed IS NOT NULL AS has FROM invoice_settings WHERE organisation_id = $1',
      [organisationId],
    )) as { has: boolean }[];
    return Object.assign(settings, { hasCredentials: row?.has ?? false });
  }

  private toDto(settings: (InvoiceSettings & { hasCredentials?: boolean }) | null): InvoiceSettingsDto {
    if (!settings) {
      return {
        configured: false,
        provider: null,
        formNumber: null,
        symbol: null,
        displaySymbol: null,
        issueTrigger: DEFAULT_ISSUE_TRIGGER,
        providerBaseUrl: null,
        providerTemplateCode: null,
        hasCredentials: false,
        certificate: null,
        updatedAt: null,
      };
    }
    return {
      configured: true,
      provider: settings.provider,
      formNumber: settings.formNumber,
      symbol: settings.symbol,
      displaySymbol: displaySymbol(settings.formNumber, settings.symbol),
      issueTrigger: settings.issueTrigger,
      providerBaseUrl: settings.providerBaseUrl,
      providerTemplateCode: settings.providerTemplateCode,
      hasCredentials: settings.hasCredentials ?? false,
      certificate:
        settings.certificateSubject && settings.certificateValidFrom && settings.certificateValidTo
          ? {
              subject: settings.certificateSubject,
              serialNumber: settings.certificateSerial ?? '',
              validFrom: settings.certificateValidFrom.toISOString(),
              validTo: settings.certificateValidTo.toISOString(),
            }
          : null,
      updatedAt: settings.updatedAt.toISOString(),
    };
  }

  /** Only the fields the provider uses, each a non-empty string: nothing else is ever stored. */
  private checkCredentials(provider: InvoiceProviderName, credentials: Record<string, string>): Record<string, string> {
    const fields = CREDENTIAL_FIELDS[provider];
    if (fields.length === 0) throw invalid('credentials', 'the built-in provider needs no credentials');
    const clean: Record<string, string> = {};
    for (const field of fields) {
      const value = credentials[field];
      if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
        throw invalid(`credentials.${field}`, `${field} is required (1 to 200 characters)`);
      }
      clean[field] = value;
    }
    const unknown = Object.keys(credentials).filter((key) => !fields.includes(key));
    if (unknown.length) throw invalid('credentials', `unknown fields: ${unknown.join(', ')}`);
    return clean;
  }

  /** The server will call this address with the seller's credentials: https only, except in development. */
  private checkBaseUrl(value: string): string {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw invalid('providerBaseUrl', 'providerBaseUrl must be a URL');
    }
    const allowed = this.config.NODE_ENV === 'production' ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol) || url.username || url.password) {
      throw invalid('providerBaseUrl', 'providerBaseUrl must be an https:// address without credentials in it');
    }
    return url.toString().replace(/\/+$/, '');
  }
}
