import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module.js';
import { KpiReportsService } from './kpi-reports.service.js';
import { KpisController } from './kpis.controller.js';
import { KpisService } from './kpis.service.js';
import { MetricsService } from './metrics.service.js';

/** The plan's KPIs computed from the platform's own data: dashboard, commune grid, drill-downs and yearly reports. */
@Module({
  imports: [PlanModule],
  controllers: [KpisController],
  providers: [MetricsService, KpisService, KpiReportsService],
  exports: [MetricsService],
})
export class KpisModule {}
