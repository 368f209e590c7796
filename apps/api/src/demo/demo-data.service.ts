import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IdentityService } from '../identity/identity.service.js';
import { User } from '../identity/user.entity.js';
import { Organisation } from '../sellers/organisation.entity.js';
import { OrganisationStatusChange } from '../sellers/organisation-status-change.entity.js';
import { FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import { seedDemoTraceability } from '../traceability/demo-traceability.js';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION_NAME } from './demo-accounts.js';
import { taxCodeWithCheckDigit } from '../sellers/tax-code.js';
import { seedDemoCatalog } from './demo-catalog.js';

/**
 * Loads the demo data on the first start only: if any account exists the database is someone's
 * real data (or an earlier demo) and is left alone. All of it is written in one transaction.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly identity: IdentityService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /**
   * `catalog: false` loads only the accounts and their organisation: what most integration tests
   * need, without sixty products they would have to step around.
   */
  async seedIfEmpty(options: { catalog: boolean } = { catalog: true }): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      // Serialises two processes starting on the same database at once.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['ocop-demo-seed']);
      if ((await manager.getRepository(User).count()) > 0) return false;

      const organisation = await manager.getRepository(Organisation).save({
        name: DEMO_ORGANISATION_NAME,
        slug: 'htx-nong-san-dong-kinh',
        legalType: 'cooperative',
        // Invoices are issued under the seller's tax code, so the demo seller needs a valid one.
        taxCode: taxCodeWithCheckDigit('490010025'),
        taxCodeChecksumOk: true,
        isSme: false,
        womenOwned: true,
        streetAddress: 'Số 12 đường Bà Triệu',
        communeCode: '05977',
        contactName: 'Lăng Thị Hoa',
        status: 'approved',
        approvedAt: new Date(),
        marketplaceStores: [],
        story: '',
      });
      const created = new Map<string, User>();
      for (const account of DEMO_ACCOUNTS) {
        const user = await this.identity.createAccount(
          {
            email: account.email,
            phone: account.phone,
            fullName: account.fullName,
            password: account.password,
            role: account.role,
            organisationId: account.role === 'seller_member' ? organisation.id : null,
          },
          manager,
        );
        created.set(account.role, user);
      }
      const seller = created.get('seller_member');
      const officer = created.get('province_officer');
      await manager.getRepository(Organisation).update({ id: organisation.id }, { ownerUserId: seller?.id ?? null });
      await manager.getRepository(OrganisationStatusChange).insert([
        { organisationId: organisation.id, fromStatus: null, toStatus: 'pending', actorUserId: seller?.id ?? null },
        {
          organisationId: organisation.id,
          fromStatus: 'pending',
          toStatus: 'approved',
          actorUserId: officer?.id ?? null,
        },
      ]);
      if (options.catalog) {
        const catalog = await seedDemoCatalog(manager, { storage: this.storage });
        // Every demo seller invoices with the built-in provider as soon as an order is paid.
        await manager.query(
          `INSERT INTO invoice_settings (organisation_id, provider, form_number, symbol, issue_trigger)
           SELECT id, 'builtin', 1, $1, 'on_payment' FROM organisations WHERE status = 'approved' AND tax_code IS NOT NULL
           ON CONFLICT (organisation_id) DO NOTHING`,
          [`C${new Date().getUTCFullYear() % 100}TAA`],
        );
        const traceability = await seedDemoTraceability(manager);
        this.logger.log({ catalog, traceability }, 'Demo catalog and traceability loaded');
      }
      this.logger.log(`Demo data loaded: ${DEMO_ACCOUNTS.length} accounts`);
      return true;
    });
  }
}
