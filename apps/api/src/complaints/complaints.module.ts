import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Complaint } from './complaint.entity.js';
import { ComplaintStatusChange } from './complaint-status-change.entity.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';

/** Consumer complaints; `ComplaintsService.complaintStats` feeds the complaint KPIs. */
@Module({
  imports: [TypeOrmModule.forFeature([Complaint, ComplaintStatusChange])],
  controllers: [ComplaintsController],
  providers: [ComplaintsService],
  exports: [ComplaintsService],
})
export class ComplaintsModule {}
