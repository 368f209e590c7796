import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorDto } from '../core/http/api-error.js';
import { Public } from '../identity/authenticated-user.js';
import {
  CatalogQueryDto,
  CategoryDto,
  ProductDetailDto,
  ProductPageDto,
  SellerShopDto,
} from './dto/public-catalog.dto.js';
import { PublicCatalogService } from './public-catalog.service.js';

/** What anyone may browse: published products of sellers approved at the time of the request. */
@ApiTags('catalog')
@Public()
@Controller('catalog')
export class PublicCatalogController {
  constructor(private readonly catalog: PublicCatalogService) {}

  @Get('categories')
  @ApiOkResponse({ type: [CategoryDto] })
  categories(): Promise<CategoryDto[]> {
    return this.catalog.categories();
  }

  @Get('products')
  @ApiOkResponse({ type: ProductPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  products(@Query() query: CatalogQueryDto): Promise<ProductPageDto> {
    return this.catalog.listProducts(query);
  }

  @Get('products/:slug')
  @ApiOkResponse({ type: ProductDetailDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  product(@Param('slug') slug: string): Promise<ProductDetailDto> {
    return this.catalog.getProduct(slug);
  }

  @Get('sellers/:slug')
  @ApiOkResponse({ type: SellerShopDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  seller(@Param('slug') slug: string): Promise<SellerShopDto> {
    return this.catalog.getShop(slug);
  }
}
