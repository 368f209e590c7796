import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../core/config/app-config.js';
import { DomainError } from '../core/http/domain-error.js';
import type { CommuneDto, ProvinceDto } from './dto/geo.dto.js';

/** Rows in force today; kept as SQL because a reorganisation will add rows with later dates. */
const IN_FORCE = (alias: string) =>
  `${alias}.effective_from <= current_date AND (${alias}.effective_to IS NULL OR ${alias}.effective_to > current_date)`;

@Injectable()
export class GeoService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  listProvinces(): Promise<ProvinceDto[]> {
    return this.db.query(
      `SELECT p.code, p.name, p.kind, count(c.code)::int AS "communeCount"
       FROM provinces p LEFT JOIN communes c ON c.province_code = p.code AND ${IN_FORCE('c')}
       WHERE ${IN_FORCE('p')}
       GROUP BY p.code ORDER BY p.code`,
    );
  }

  async getProvince(code: string): Promise<ProvinceDto> {
    const provinces = await this.listProvinces();
    const province = provinces.find((p) => p.code === code);
    if (!province) throw new DomainError('province_not_found', `No province with code ${code}`, HttpStatus.NOT_FOUND);
    return province;
  }

  getHomeProvince(): Promise<ProvinceDto> {
    return this.getProvince(this.config.HOME_PROVINCE_CODE);
  }

  /**
   * Communes of a province, optionally filtered by name. Matching is on the folded name (no marks,
   * đ→d), by substring first, then by trigram similarity so a small typo still finds the place.
   */
  async listCommunes(provinceCode: string, query?: string): Promise<CommuneDto[]> {
    await this.getProvince(provinceCode);
    const select = `SELECT c.code, c.name, c.kind, c.province_code AS "provinceCode" FROM communes c`;
    if (!query?.trim()) {
      return this.db.query(
        `${select} WHERE c.province_code = $1 AND ${IN_FORCE('c')} ORDER BY c.name COLLATE "C", c.code`,
        [provinceCode],
      );
    }
    return this.db.query(
      `${select}
       WHERE c.province_code = $1 AND ${IN_FORCE('c')}
         AND (c.search_name LIKE '%' || fold_vi($2) || '%' OR word_similarity(fold_vi($2), c.search_name) >= 0.5)
       ORDER BY (c.search_name LIKE '%' || fold_vi($2) || '%') DESC,
                word_similarity(fold_vi($2), c.search_name) DESC, c.name`,
      [provinceCode, query.trim()],
    );
  }

  async getCommune(code: string): Promise<CommuneDto> {
    const rows: CommuneDto[] = await this.db.query(
      `SELECT c.code, c.name, c.kind, c.province_code AS "provinceCode" FROM communes c WHERE c.code = $1`,
      [code],
    );
    const commune = rows[0];
    if (!commune) throw new DomainError('commune_not_found', `No commune with code ${code}`, HttpStatus.NOT_FOUND);
    return commune;
  }
}
