import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrainingController } from './training.controller.js';
import { TrainingEvent } from './training-event.entity.js';
import { TrainingImport } from './training-import.entity.js';
import { TrainingImportsService } from './training-imports.service.js';
import { TrainingParticipation } from './training-participation.entity.js';
import { TrainingService } from './training.service.js';

/** Training events, attendance and its imports; `TrainingService.trainingStats` feeds the training KPIs. */
@Module({
  imports: [TypeOrmModule.forFeature([TrainingEvent, TrainingParticipation, TrainingImport])],
  controllers: [TrainingController],
  providers: [TrainingService, TrainingImportsService],
  exports: [TrainingService],
})
export class TrainingModule {}
