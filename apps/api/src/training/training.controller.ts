import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../identity/authenticated-user.js';
import { periodFromDates } from '../plan/reporting-period.js';
import { MAX_ROWS, MAX_UPLOAD_BYTES } from './attendance-file.js';
import {
  AddParticipantDto,
  AttendanceFormatDto,
  CreateTrainingEventDto,
  ParticipationDto,
  TrainingEventDto,
  TrainingEventListQueryDto,
  TrainingImportDto,
  TrainingStatsDto,
  TrainingSummaryQueryDto,
} from './dto/training.dto.js';
import { IMPORT_RULES, TrainingImportsService, type UploadedFile as Upload } from './training-imports.service.js';
import { TrainingService } from './training.service.js';
import { UploadErrorsInterceptor } from './upload-errors.interceptor.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** Training events and attendance, for the plans' training KPIs. */
@ApiTags('training')
@ApiBearerAuth()
@Controller('training')
export class TrainingController {
  constructor(
    private readonly training: TrainingService,
    private readonly imports: TrainingImportsService,
  ) {}

  @Post('events')
  @Roles('province_officer')
  @ApiCreatedResponse({ type: TrainingEventDto })
  createEvent(@Body() body: CreateTrainingEventDto, @CurrentUser() user: AuthenticatedUser): Promise<TrainingEventDto> {
    return this.training.createEvent(body, user);
  }

  @Get('events')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [TrainingEventDto] })
  listEvents(@Query() query: TrainingEventListQueryDto): Promise<TrainingEventDto[]> {
    return this.training.listEvents(query);
  }

  @Get('events/:id')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: TrainingEventDto })
  getEvent(@Param('id', uuid) id: string): Promise<TrainingEventDto> {
    return this.training.getEvent(id);
  }

  @Get('events/:id/participants')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [ParticipationDto] })
  participants(@Param('id', uuid) id: string): Promise<ParticipationDto[]> {
    return this.training.listParticipants(id);
  }

  @Post('events/:id/participants')
  @Roles('province_officer')
  @ApiCreatedResponse({ type: ParticipationDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The person is already recorded for the event' })
  addParticipant(
    @Param('id', uuid) id: string,
    @Body() body: AddParticipantDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ParticipationDto> {
    return this.training.addParticipant(id, body, user);
  }

  @Get('imports/format')
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({ summary: 'The columns an attendance file may have, and the import rules' })
  @ApiOkResponse({ type: AttendanceFormatDto })
  format(): AttendanceFormatDto {
    return {
      columns: this.imports.columns(),
      fileTypes: ['.xlsx', '.csv'],
      maxBytes: MAX_UPLOAD_BYTES,
      maxRows: MAX_ROWS,
      rules: IMPORT_RULES,
    };
  }

  @Post('events/:id/imports')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('province_officer')
  @UseInterceptors(
    UploadErrorsInterceptor,
    FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({ summary: 'Imports attendance from an .xlsx or .csv file', description: IMPORT_RULES })
  @ApiAcceptedResponse({
    type: TrainingImportDto,
    description: 'Checked and queued; poll GET /api/training/imports/{id}',
  })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Missing columns or invalid rows (listed by row number); nothing saved',
  })
  @ApiPayloadTooLargeResponse({ type: ApiErrorDto })
  @ApiUnsupportedMediaTypeResponse({ type: ApiErrorDto })
  importAttendance(
    @Param('id', uuid) id: string,
    @UploadedFile() file: Upload | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TrainingImportDto> {
    return this.imports.start(id, file, user);
  }

  @Get('imports/:id')
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: TrainingImportDto })
  getImport(@Param('id', uuid) id: string): Promise<TrainingImportDto> {
    return this.imports.get(id);
  }

  @Get('summary')
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({
    summary: 'Training figures for a period (inclusive dates, Vietnam time), optionally for one commune',
  })
  @ApiOkResponse({ type: TrainingStatsDto })
  summary(@Query() query: TrainingSummaryQueryDto): Promise<TrainingStatsDto> {
    return this.training.summary(periodFromDates(query.from, query.to), query.communeCode);
  }
}
