import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { Public } from '../identity/authenticated-user.js';
import { SearchPageDto, SearchQueryDto, SuggestionDto, SuggestQueryDto } from './dto/search.dto.js';
import { SearchService } from './search.service.js';

/** Product search for anyone: published products of sellers approved at the time of the request. */
@ApiTags('search')
@Public()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @ApiOkResponse({ type: SearchPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  find(@Query() query: SearchQueryDto): Promise<SearchPageDto> {
    return this.search.search(query);
  }

  @Get('suggest')
  @ApiOkResponse({ type: [SuggestionDto], description: 'Up to 8: product names, categories and communes' })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  suggest(@Query() query: SuggestQueryDto): Promise<SuggestionDto[]> {
    return this.search.suggest(query.q);
  }
}
