import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { ShippingQuoteDto, ShippingRuleDto, ShippingRuleInputDto } from './dto/shipping.dto.js';
import { shippingZone } from './regions.js';
import { DEFAULT_SHIPPING_RULE, type ShippingRule, shippingFee } from './shipping-fee.js';

/** A `shipping_rules` row as read, or nulls when the seller has none (a LEFT JOIN gives that). */
export interface ShippingRuleRow {
  rates: ShippingRule['rates'] | null;
  free_shipping_threshold: string | null;
}

export function ruleFromRow(row: ShippingRuleRow | undefined): ShippingRuleDto {
  if (!row?.rates) return { ...DEFAULT_SHIPPING_RULE, isDefault: true };
  return {
    rates: row.rates,
    freeShippingThreshold: row.free_shipping_threshold === null ? null : Number(row.free_shipping_threshold),
    isDefault: false,
  };
}

@Injectable()
export class ShippingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async getRule(organisationId: string, manager: EntityManager = this.db.manager): Promise<ShippingRuleDto> {
    const rows: ShippingRuleRow[] = await manager.query(
      'SELECT rates, free_shipping_threshold FROM shipping_rules WHERE organisation_id = $1',
      [organisationId],
    );
    return ruleFromRow(rows[0]);
  }

  async setRule(organisationId: string, userId: string, input: ShippingRuleInputDto): Promise<ShippingRuleDto> {
    const rates: ShippingRule['rates'] = {
      same_province: { ...input.rates.same_province },
      same_region: { ...input.rates.same_region },
      other_region: { ...input.rates.other_region },
    };
    await this.db.query(
      `INSERT INTO shipping_rules (organisation_id, rates, free_shipping_threshold, updated_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id) DO UPDATE
         SET rates = EXCLUDED.rates, free_shipping_threshold = EXCLUDED.free_shipping_threshold,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [organisationId, JSON.stringify(rates), input.freeShippingThreshold ?? null, userId],
    );
    return this.getRule(organisationId);
  }

  /**
   * The fee one seller charges to send goods worth `subtotal` and weighing `weightGrams` to a
   * province. Sellers ship from their commune, which is always in the home province.
   */
  async quote(
    input: { organisationId: string; provinceCode: string; weightGrams: number; subtotal: number },
    manager: EntityManager = this.db.manager,
  ): Promise<ShippingQuoteDto> {
    const origin: { province_code: string }[] = await manager.query(
      `SELECT coalesce(c.province_code, $2) AS province_code
       FROM organisations o LEFT JOIN communes c ON c.code = o.commune_code WHERE o.id = $1`,
      [input.organisationId, this.config.HOME_PROVINCE_CODE],
    );
    if (!origin[0]) throw new DomainError('organisation_not_found', 'Seller not found', HttpStatus.NOT_FOUND);
    const destination: unknown[] = await manager.query('SELECT 1 FROM provinces WHERE code = $1', [input.provinceCode]);
    if (destination.length === 0) {
      throw new DomainError('province_not_found', `No province with code ${input.provinceCode}`, HttpStatus.NOT_FOUND);
    }
    const rule = await this.getRule(input.organisationId, manager);
    return this.quoteWithRule({ ...input, originProvinceCode: origin[0].province_code, rule });
  }

  /**
   * The same quote from what the caller already read in its own query (checkout reads the seller's
   * commune and rule together with the cart): no round trip, and never staler than that query.
   * `originProvinceCode` null means the seller has no commune yet: it ships from the home province.
   */
  quoteWithRule(input: {
    originProvinceCode: string | null;
    provinceCode: string;
    rule: ShippingRule;
    weightGrams: number;
    subtotal: number;
  }): ShippingQuoteDto {
    const zone = shippingZone(input.originProvinceCode ?? this.config.HOME_PROVINCE_CODE, input.provinceCode);
    return { zone, fee: shippingFee(input.rule, { zone, weightGrams: input.weightGrams, subtotal: input.subtotal }) };
  }
}
