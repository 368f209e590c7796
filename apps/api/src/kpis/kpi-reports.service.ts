import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
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

interface JobRow {
  id: string;
  plan_id: string;
  year: number;
  status: ReportJobStatus;
  processed: number;
  total: number;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** What the files are built from, held only while the job runs. */
interface ReportContent {
  year: number;
  planName: string;
  provinceName: string;
  generatedAt: Date;
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

const JOB_COLUMNS = 'id, plan_id, year, status, processed, total, error, created_at, finished_at';

/** A job not heard from for this long was running in a process that stopped: it is reported failed. */
const STALE_AFTER = '10 minutes';

/** Finished jobs are kept this long, then removed when the next report is asked for. */
const KEEP_FOR = '90 days';

/**
 * The yearly report of the Department of Industry and Trade: every KPI of a plan for a year, with
 * target, actual value and its basis. Built in the background (one KPI at a time, so progress is
 * visible and the database is not flooded), then stored as XLSX and CSV in `kpi_report_jobs`, so
 * that the download survives a restart and any API instance can serve it.
 */
@Injectable()
export class KpiReportsService {
  private readonly logger = new Logger(KpiReportsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly kpis: KpisService,
  ) {}

  async start(planId: string, year: number, requestedBy: string | null = null): Promise<ReportJob> {
    const plan = await this.kpis.plan(planId);
    const provinceName = await this.kpis.provinceName(plan.provinceCode);
    await this.db.query(
      `DELETE FROM kpi_report_jobs WHERE created_at < now() - interval '${KEEP_FOR}' AND status IN ('succeeded', 'failed')`,
    );
    const [row] = await this.db.query<JobRow[]>(
      `INSERT INTO kpi_report_jobs (plan_id, year, total, requested_by, plan_name, province_name)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${JOB_COLUMNS}`,
      [plan.id, year, plan.targets.length, requestedBy, plan.name, provinceName],
    );
    const content = { year, planName: plan.name, provinceName };
    setImmediate(() => void this.run(row!.id, plan.id, content));
    return this.view(row!);
  }

  /** Builds the report; resolves when the job is stored as succeeded or failed (tests await it). */
  async run(id: string, planId: string, content: Omit<ReportContent, 'rows' | 'generatedAt'>): Promise<void> {
    try {
      await this.db.query("UPDATE kpi_report_jobs SET status = 'running', updated_at = now() WHERE id = $1", [id]);
      const plan = await this.kpis.plan(planId);
      const rows: DashboardKpi[] = [];
      for (const target of plan.targets) {
        const dashboard = await this.kpis.dashboard({
          planId: plan.id,
          period: String(content.year),
          targetIds: [target.id],
        });
        rows.push(...dashboard.kpis);
        // updated_at doubles as a heartbeat: a job that stops progressing is known to have died.
        await this.db.query('UPDATE kpi_report_jobs SET processed = processed + 1, updated_at = now() WHERE id = $1', [
          id,
        ]);
      }
      const report: ReportContent = { ...content, generatedAt: new Date(), rows };
      await this.db.query(
        `UPDATE kpi_report_jobs SET status = 'succeeded', xlsx = $2, csv = $3, generated_at = $4, finished_at = now(),
                updated_at = now() WHERE id = $1`,
        [id, await this.buildXlsx(report), this.buildCsv(report), report.generatedAt],
      );
    } catch (error) {
      this.logger.error(error);
      await this.db
        .query(
          `UPDATE kpi_report_jobs SET status = 'failed', error = $2, finished_at = now(), updated_at = now() WHERE id = $1`,
          [id, error instanceof Error ? error.message : String(error)],
        )
        .catch((failure: unknown) => this.logger.error(failure));
    }
  }

  async get(id: string): Promise<ReportJob> {
    return this.view(await this.find(id));
  }

  private async find(id: string): Promise<JobRow> {
    // A job left queued or running by a process that stopped would otherwise never finish.
    await this.db.query(
      `UPDATE kpi_report_jobs SET status = 'failed', error = 'interrupted: the server stopped while building the report',
              finished_at = now(), updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') AND updated_at < now() - interval '${STALE_AFTER}'`,
      [id],
    );
    const [row] = await this.db.query<JobRow[]>(`SELECT ${JOB_COLUMNS} FROM kpi_report_jobs WHERE id = $1`, [id]);
    if (!row) throw new DomainError('report_not_found', 'Report not found', HttpStatus.NOT_FOUND);
    return row;
  }

  private async file(id: string, column: 'xlsx' | 'csv'): Promise<Buffer | string> {
    const job = await this.find(id);
    if (job.status !== 'succeeded') {
      throw new DomainError('report_not_ready', `The report is ${job.status}`, HttpStatus.CONFLICT);
    }
    const [row] = await this.db.query<{ file: Buffer | string }[]>(
      `SELECT ${column} AS file FROM kpi_report_jobs WHERE id = $1`,
      [id],
    );
    return row!.file;
  }

  private view(row: JobRow): ReportJob {
    return {
      id: row.id,
      planId: row.plan_id,
      year: row.year,
      status: row.status,
      processed: row.processed,
      total: row.total,
      error: row.error,
      createdAt: row.created_at.toISOString(),
      finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
    };
  }

  private lines(report: ReportContent): (string | number | null)[][] {
    return report.rows.map((row) => [
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
    return (await this.file(id, 'xlsx')) as Buffer;
  }

  async csv(id: string): Promise<string> {
    return (await this.file(id, 'csv')) as string;
  }

  private async buildXlsx(report: ReportContent): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.created = report.generatedAt;
    const sheet = workbook.addWorksheet('Báo cáo KPI');
    const generated = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      dateStyle: 'short',
      timeStyle: 'medium',
    }).format(report.generatedAt);
    sheet.addRow(['Báo cáo kết quả thực hiện kế hoạch phát triển thương mại điện tử']).font = { bold: true, size: 14 };
    sheet.addRow(['Tỉnh', report.provinceName]);
    sheet.addRow(['Kế hoạch', report.planName]);
    sheet.addRow(['Năm', report.year]);
    sheet.addRow(['Thời điểm lập (giờ Việt Nam)', generated]);
    sheet.addRow(['Quy tắc đánh giá', STATUS_RULE.vi]);
    sheet.addRow([]);
    const header = sheet.addRow(COLUMNS.map((column) => column.header));
    header.font = { bold: true };
    COLUMNS.forEach((column, index) => {
      sheet.getColumn(index + 1).width = column.width;
    });
    for (const line of this.lines(report)) sheet.addRow(line);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  private buildCsv(report: ReportContent): string {
    const escape = (value: string | number | null) => {
      const text = value === null ? '' : String(value);
      return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const rows = [COLUMNS.map((column) => column.header), ...this.lines(report)];
    // A byte-order mark so that Excel opens the Vietnamese text as UTF-8.
    return `\uFEFF${rows.map((row) => row.map(escape).join(',')).join('\r\n')}\r\n`;
  }
}
