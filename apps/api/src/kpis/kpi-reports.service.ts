import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DomainError } from '../core/http/domain-error.js';
import { KpisService, STATUS_RULE, type DashboardKpi } from './kpis.service.js';

export type ReportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ReportJob {
  id: string;
  planId: string;
  year: number;
  status: ReportJobStatus;
  processed: number;
  total: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

interface StoredJob extends ReportJob {
  planName: string;
  provinceName: string;
  generatedAt: Date | null;
  rows: DashboardKpi[];
}

export const STATUS_LABELS_VI: Record<string, string> = {
  on_track: 'Đạt tiến độ',
  behind: 'Chậm tiến độ',
  no_data: 'Chưa có dữ liệu',
  needs_figure: 'Cần số liệu',
};

const COLUMNS = [
  { header: 'Mã chỉ tiêu', key: 'kpiId', width: 40 },
  { header: 'Tên chỉ tiêu', key: 'nameVi', width: 60 },
  { header: 'Đơn vị', key: 'unit', width: 14 },
  { header: 'Mục tiêu', key: 'target', width: 12 },
  { header: 'Năm mục tiêu', key: 'targetYear', width: 12 },
  { header: 'Thực hiện', key: 'value', width: 14 },
  { header: 'Tử số', key: 'numerator', width: 16 },
  { header: 'Mẫu số', key: 'denominator', width: 16 },
  { header: 'Trạng thái', key: 'status', width: 16 },
  { header: 'Cách tính', key: 'basis', width: 80 },
  { header: 'Số liệu còn thiếu', key: 'missing', width: 30 },
] as const;

/** Jobs live in memory; a restart loses them, which only means asking for the report again. */
const MAX_JOBS = 50;

/**
 * The yearly report of the Department of Industry and Trade: every KPI of a plan for a year, with
 * target, actual value and its basis. Built in the background (one KPI at a time, so progress is
 * visible and the database is not flooded), then served as XLSX or CSV.
 */
@Injectable()
export class KpiReportsService {
  private readonly logger = new Logger(KpiReportsService.name);
  private readonly jobs = new Map<string, StoredJob>();

  constructor(private readonly kpis: KpisService) {}

  async start(planId: string, year: number): Promise<ReportJob> {
    const plan = await this.kpis.plan(planId);
    const job: StoredJob = {
      id: randomUUID(),
      planId: plan.id,
      year,
      status: 'queued',
      processed: 0,
      total: plan.targets.length,
      error: null,
      createdAt: new Date().toISOString(),
      finishedAt: null,
      planName: plan.name,
      provinceName: await this.kpis.provinceName(plan.provinceCode),
      generatedAt: null,
      rows: [],
    };
    this.jobs.set(job.id, job);
    while (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value as string);
    setImmediate(() => void this.run(job));
    return this.view(job);
  }

  private async run(job: StoredJob): Promise<void> {
    job.status = 'running';
    try {
      const plan = await this.kpis.plan(job.planId);
      for (const target of plan.targets) {
        const dashboard = await this.kpis.dashboard({
          planId: plan.id,
          period: String(job.year),
          targetIds: [target.id],
        });
        job.rows.push(...dashboard.kpis);
        job.processed += 1;
      }
      job.generatedAt = new Date();
      job.status = 'succeeded';
    } catch (error) {
      this.logger.error(error);
      job.status = 'failed';
      job.error = error instanceof Error ? error.message : String(error);
    }
    job.finishedAt = new Date().toISOString();
  }

  get(id: string): ReportJob {
    return this.view(this.find(id));
  }

  private find(id: string): StoredJob {
    const job = this.jobs.get(id);
    if (!job) throw new DomainError('report_not_found', 'Report not found', HttpStatus.NOT_FOUND);
    return job;
  }

  private finished(id: string): StoredJob {
    const job = this.find(id);
    if (job.status !== 'succeeded') {
      throw new DomainError('report_not_ready', `The report is ${job.status}`, HttpStatus.CONFLICT);
    }
    return job;
  }

  private view(job: StoredJob): ReportJob {
    const { id, planId, year, status, processed, total, error, createdAt, finishedAt } = job;
    return { id, planId, year, status, processed, total, error, createdAt, finishedAt };
  }

  private lines(job: StoredJob): (string | number | null)[][] {
    return job.rows.map((row) => [
      row.kpiId,
      row.nameVi,
      row.unit,
      row.targetValue,
      row.targetYear,
      row.value,
      row.numerator,
      row.denominator,
      STATUS_LABELS_VI[row.status] ?? row.status,
      row.basis.replace(/\n/g, ' — '),
      row.missingFigures.join(', '),
    ]);
  }

  async xlsx(id: string): Promise<Buffer> {
    const job = this.finished(id);
    const workbook = new ExcelJS.Workbook();
    workbook.created = job.generatedAt!;
    const sheet = workbook.addWorksheet('Báo cáo KPI');
    const generated = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      dateStyle: 'short',
      timeStyle: 'medium',
    }).format(job.generatedAt!);
    sheet.addRow(['Báo cáo kết quả thực hiện kế hoạch phát triển thương mại điện tử']).font = { bold: true, size: 14 };
    sheet.addRow(['Tỉnh', job.provinceName]);
    sheet.addRow(['Kế hoạch', job.planName]);
    sheet.addRow(['Năm', job.year]);
    sheet.addRow(['Thời điểm lập (giờ Việt Nam)', generated]);
    sheet.addRow(['Quy tắc đánh giá', STATUS_RULE.vi]);
    sheet.addRow([]);
    const header = sheet.addRow(COLUMNS.map((column) => column.header));
    header.font = { bold: true };
    COLUMNS.forEach((column, index) => {
      sheet.getColumn(index + 1).width = column.width;
    });
    for (const line of this.lines(job)) sheet.addRow(line);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  csv(id: string): string {
    const job = this.finished(id);
    const escape = (value: string | number | null) => {
      const text = value === null ? '' : String(value);
      return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const rows = [COLUMNS.map((column) => column.header), ...this.lines(job)];
    // A byte-order mark so that Excel opens the Vietnamese text as UTF-8.
    return `\uFEFF${rows.map((row) => row.map(escape).join(',')).join('\r\n')}\r\n`;
  }
}
