import {
  Body,
  Controller,
  createParamDecorator,
  type ExecutionContext,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { type AuthenticatedUser, CurrentUser, Public, Roles } from '../identity/authenticated-user.js';
import { periodFromDates } from '../plan/reporting-period.js';
import { ComplaintsService } from './complaints.service.js';
import {
  ComplaintDetailDto,
  ComplaintDto,
  ComplaintListQueryDto,
  ComplaintReceiptDto,
  ComplaintStatsDto,
  ComplaintStatsQueryDto,
  RecordComplaintDto,
  SubmitComplaintDto,
  TrackComplaintQueryDto,
  TransitionComplaintDto,
} from './dto/complaint.dto.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** The caller on a public route: set when a valid token came with the request, undefined otherwise. */
const OptionalUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser | undefined =>
    context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user,
);

/** Consumer complaints: anyone submits, province officers handle them. */
@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @Public()
  @ApiOperation({ summary: 'A consumer submits a complaint; the code in the answer lets them follow it' })
  @ApiCreatedResponse({ type: ComplaintReceiptDto })
  submit(
    @Body() body: SubmitComplaintDto,
    @OptionalUser() user: AuthenticatedUser | undefined,
  ): Promise<ComplaintReceiptDto> {
    return this.complaints.submit(body, user);
  }

  @Get('track')
  @Public()
  @ApiOperation({ summary: 'Status of a complaint, given its code and the phone number or email given with it' })
  @ApiOkResponse({ type: ComplaintReceiptDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  track(@Query() query: TrackComplaintQueryDto): Promise<ComplaintReceiptDto> {
    return this.complaints.track(query);
  }

  @Post('recorded')
  @ApiBearerAuth()
  @Roles('province_officer')
  @ApiOperation({ summary: 'An officer records a complaint received by phone, email, in person or by letter' })
  @ApiCreatedResponse({ type: ComplaintDetailDto })
  record(@Body() body: RecordComplaintDto, @CurrentUser() user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.complaints.record(body, user);
  }

  @Get()
  @ApiBearerAuth()
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: [ComplaintDto], description: 'Newest first, at most 500' })
  list(@Query() query: ComplaintListQueryDto): Promise<ComplaintDto[]> {
    return this.complaints.list(query);
  }

  @Get('stats')
  @ApiBearerAuth()
  @Roles('province_officer', 'platform_admin')
  @ApiOperation({
    summary: 'Complaints received in a period (inclusive dates, Vietnam time) and how they were handled',
  })
  @ApiOkResponse({ type: ComplaintStatsDto })
  stats(@Query() query: ComplaintStatsQueryDto): Promise<ComplaintStatsDto> {
    return this.complaints.stats(periodFromDates(query.from, query.to), {
      withinDays: query.withinDays,
      communeCode: query.communeCode,
    });
  }

  @Get(':id')
  @ApiBearerAuth()
  @Roles('province_officer', 'platform_admin')
  @ApiOkResponse({ type: ComplaintDetailDto })
  get(@Param('id', uuid) id: string): Promise<ComplaintDetailDto> {
    return this.complaints.get(id);
  }

  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @Roles('province_officer')
  @ApiOperation({ summary: 'Takes up, resolves, rejects or reopens a complaint, with the reason' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The complaint cannot go to that status from where it is' })
  transition(
    @Param('id', uuid) id: string,
    @Body() body: TransitionComplaintDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ComplaintDetailDto> {
    return this.complaints.transition(id, body, user);
  }
}
