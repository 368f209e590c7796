import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExternalFiguresController } from './external-figures.controller.js';
import { ExternalFiguresService } from './external-figures.service.js';
import { PlanCustomKpi } from './plan-custom-kpi.entity.js';
import { Plan } from './plan.entity.js';
import { PlanPresetsSeeder } from './plan-presets.seeder.js';
import { PlanTarget } from './plan-target.entity.js';
import { PlanTargetChange } from './plan-target-change.entity.js';
import { ExternalFigure } from './external-figure.entity.js';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';

/**
 * Plans as data (targets citing the plan), the KPI catalogue and external figures. The metrics
 * engine builds on `PlansService`, `ExternalFiguresService` and `missingFiguresFor`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Plan, PlanTarget, PlanCustomKpi, PlanTargetChange, ExternalFigure])],
  controllers: [PlansController, ExternalFiguresController],
  providers: [PlansService, ExternalFiguresService, PlanPresetsSeeder],
  exports: [PlansService, ExternalFiguresService],
})
export class PlanModule {}
