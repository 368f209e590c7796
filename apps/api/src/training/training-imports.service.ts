import {
  type BeforeApplicationShutdown,
  HttpStatus,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { detectFileType, MAX_ROWS, readAttendanceRows } from './attendance-file.js';
import { ATTENDANCE_COLUMNS, mapAttendanceSheet } from './attendance-sheet.js';
import type { TrainingImportDto } from './dto/training.dto.js';
import { normaliseParticipant, type ParticipantValues } from './participant-input.js';
import { TrainingImport } from './training-import.entity.js';
import {
  EVENT_NOT_FOUND,
  insertParticipations,
  organisationsByTaxCode,
  type ParticipationRow,
  participationRow,
} from './training.service.js';

export interface UploadedFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/** Rows written per statement; progress is reported after each batch. */
const BATCH_SIZE = 200;
/** A file with thousands of bad rows does not need thousands of messages to be fixed. */
const MAX_REPORTED_ERRORS = 200;
/**
 * The largest file is written in seconds; a job still unfinished this long after it was queued
 * belonged to a process that stopped (its transaction was rolled back with it). Another instance
 * of the API may be running its own jobs, so younger ones are left alone.
 */
const STALE_AFTER_MINUTES = 15;
const INTERRUPTED = [{ message: 'Interrupted by a restart of the server; nothing was saved. Upload the file again.' }];

export const IMPORT_RULES =
  'The whole file is checked before anything is saved: if any row is invalid the upload is refused with 400 ' +
  'and every invalid row listed by its row number, and nothing is saved. A valid file is written in the ' +
  'background, in one transaction: poll GET /api/training/imports/{id}. A person already recorded for the ' +
  'event (same phone number, or same name, type and organisation when there is no phone) is skipped, so ' +
  'importing the same file again adds nothing.';

const NOT_FOUND = () => new DomainError('training_import_not_found', 'Import not found', HttpStatus.NOT_FOUND);

function toDto(job: TrainingImport): TrainingImportDto {
  return {
    id: job.id,
    eventId: job.eventId,
    fileName: job.fileName,
    fileType: job.fileType,
    status: job.status,
    total: job.total,
    processed: job.processed,
    inserted: job.inserted,
    skippedDuplicates: job.skippedDuplicates,
    errors: job.errors,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Attendance imports from CSV or XLSX. Checking is synchronous (so a bad file is a 400 with row
 * numbers); writing is an in-process background job whose progress lives in `training_imports`.
 */
@Injectable()
export class TrainingImportsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TrainingImportsService.name);
  private readonly running = new Map<string, Promise<void>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.failStale();
  }

  /** Before the database connection closes, so that a job in progress can finish writing. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  async start(eventId: string, file: UploadedFile | undefined, actor: AuthenticatedUser): Promise<TrainingImportDto> {
    const events: unknown[] = await this.db.query('SELECT 1 FROM training_events WHERE id = $1', [eventId]);
    if (events.length === 0) throw EVENT_NOT_FOUND();
    if (!file || file.size === 0) {
      throw new DomainError(
        'file_required',
        'Attach the attendance list as the multipart field "file"',
        HttpStatus.BAD_REQUEST,
        [{ field: 'file', messages: ['a non-empty .xlsx or .csv file is required'] }],
      );
    }
    const fileType = detectFileType(file.originalname, file.buffer);
    const sheet = mapAttendanceSheet(await readAttendanceRows(fileType, file.buffer));
    if (!sheet.ok) {
      throw new DomainError(
        'import_header_invalid',
        'The header row does not have the required columns; nothing was saved',
        HttpStatus.BAD_REQUEST,
        sheet.problems.map((problem) => ({ field: `header.${problem.field}`, messages: [problem.message] })),
      );
    }
    if (sheet.rows.length === 0)
      throw new DomainError('import_empty', 'The file has a header but no participants', HttpStatus.BAD_REQUEST);
    if (sheet.rows.length > MAX_ROWS) {
      throw new DomainError(
        'import_too_many_rows',
        `The file has ${sheet.rows.length} rows; at most ${MAX_ROWS} can be imported at once`,
      );
    }

    const headerOf = new Map(sheet.columns.map((column) => [column.field, column.header]));
    const problems: { row: number; field: string; message: string }[] = [];
    const valid: { rowNumber: number; value: ParticipantValues }[] = [];
    for (const row of sheet.rows) {
      const checked = normaliseParticipant(row.text);
      if ('problems' in checked) {
        for (const problem of checked.problems) {
          problems.push({
            row: row.rowNumber,
            field: problem.field,
            message: `Dòng ${row.rowNumber}, cột "${headerOf.get(problem.field) ?? problem.field}": ${problem.message}`,
          });
        }
      } else {
        valid.push({ rowNumber: row.rowNumber, value: checked.value });
      }
    }
    if (problems.length > 0) {
      const invalidRows = new Set(problems.map((problem) => problem.row)).size;
      throw new DomainError(
        'import_rows_invalid',
        `${invalidRows} of ${sheet.rows.length} rows are invalid; nothing was saved. Fix them and upload the file again`,
        HttpStatus.BAD_REQUEST,
        problems
          .slice(0, MAX_REPORTED_ERRORS)
          .map((problem) => ({ field: `rows.${problem.row}.${problem.field}`, messages: [problem.message] })),
      );
    }

    const organisations = await organisationsByTaxCode(
      this.db.manager,
      valid.flatMap((row) => (row.value.organisationTaxCode ? [row.value.organisationTaxCode] : [])),
    );
    const rows = valid.map((row) =>
      participationRow(
        row.value,
        row.value.organisationTaxCode ? (organisations.get(row.value.organisationTaxCode) ?? null) : null,
        row.rowNumber,
      ),
    );
    const job = await this.db.getRepository(TrainingImport).save({
      eventId,
      fileName: file.originalname.slice(0, 255),
      fileType,
      status: 'queued',
      total: rows.length,
      processed: 0,
      inserted: 0,
      skippedDuplicates: 0,
      errors: [],
      createdBy: actor.userId,
      finishedAt: null,
    });
    const work = this.write(job.id, eventId, rows, actor.userId);
    this.running.set(job.id, work);
    void work.finally(() => this.running.delete(job.id));
    return toDto(job);
  }

  async get(id: string): Promise<TrainingImportDto> {
    const jobs = this.db.getRepository(TrainingImport);
    let job = await jobs.findOneBy({ id });
    if (!job) throw NOT_FOUND();
    if ((job.status === 'queued' || job.status === 'running') && !this.running.has(id)) {
      await this.failStale(id);
      job = await jobs.findOneByOrFail({ id });
    }
    return toDto(job);
  }

  /** Marks unfinished jobs that no live process can still be running as failed, instead of "running" for ever. */
  private async failStale(id?: string): Promise<void> {
    await this.db.query(
      `UPDATE training_imports SET status = 'failed', finished_at = now(), errors = $1::jsonb
       WHERE status IN ('queued', 'running') AND created_at < now() - make_interval(mins => $2) AND ($3::uuid IS NULL OR id = $3)`,
      [JSON.stringify(INTERRUPTED), STALE_AFTER_MINUTES, id ?? null],
    );
  }

  columns() {
    return ATTENDANCE_COLUMNS.map((column) => ({ ...column, headers: [...column.headers] }));
  }

  /**
   * Writes every row in one transaction, so a failure half-way leaves nothing behind; progress is
   * written outside it so that pollers see it move.
   */
  private async write(
    jobId: string,
    eventId: string,
    rows: readonly ParticipationRow[],
    actorUserId: string,
  ): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const jobs = this.db.getRepository(TrainingImport);
    try {
      await jobs.update({ id: jobId }, { status: 'running' });
      const inserted = await this.db.transaction(async (manager) => {
        let count = 0;
        for (let start = 0; start < rows.length; start += BATCH_SIZE) {
          const batch = rows.slice(start, start + BATCH_SIZE);
          count += (await insertParticipations(manager, eventId, batch, { importId: jobId, createdBy: actorUserId }))
            .length;
          await jobs.update({ id: jobId }, { processed: start + batch.length });
        }
        return count;
      });
      await jobs.update(
        { id: jobId },
        {
          status: 'succeeded',
          processed: rows.length,
          inserted,
          skippedDuplicates: rows.length - inserted,
          finishedAt: new Date(),
        },
      );
    } catch (error) {
      this.logger.error({ err: error, jobId }, 'Attendance import failed');
      await jobs
        .update(
          { id: jobId },
          {
            status: 'failed',
            inserted: 0,
            errors: [{ message: 'The import failed on the server; nothing was saved.' }],
            finishedAt: new Date(),
          },
        )
        .catch((reportError: unknown) =>
          this.logger.error({ err: reportError, jobId }, 'Could not record the failed import'),
        );
    }
  }
}
