import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { Public } from '../identity/authenticated-user.js';
import { CommuneDto, CommuneQueryDto, PlatformDto, ProvinceDto } from './dto/geo.dto.js';
import { GeoService } from './geo.service.js';

@ApiTags('geography')
@Public()
@Controller()
export class GeoController {
  constructor(private readonly geo: GeoService) {}

  @Get('platform')
  @ApiOkResponse({ type: PlatformDto })
  async platform(): Promise<PlatformDto> {
    return { homeProvince: await this.geo.getHomeProvince() };
  }

  @Get('provinces')
  @ApiOkResponse({ type: [ProvinceDto] })
  provinces(): Promise<ProvinceDto[]> {
    return this.geo.listProvinces();
  }

  @Get('communes')
  @ApiOkResponse({ type: [CommuneDto] })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  communes(@Query() query: CommuneQueryDto): Promise<CommuneDto[]> {
    return this.geo.listCommunes(query.province, query.q);
  }

  @Get('communes/:code')
  @ApiOkResponse({ type: CommuneDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  commune(@Param('code') code: string): Promise<CommuneDto> {
    return this.geo.getCommune(code);
  }
}
