import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StorageModule } from '../storage/storage.module.js';
import { ProductCategory } from './category.entity.js';
import { OcopCertificate } from './ocop-certificate.entity.js';
import { OcopCertificatesService } from './ocop-certificates.service.js';
import { Product } from './product.entity.js';
import { ProductImage } from './product-image.entity.js';
import { ProductImagesService } from './product-images.service.js';
import { ProductVariant } from './product-variant.entity.js';
import { ProvinceOcopController } from './province-ocop.controller.js';
import { PublicCatalogController } from './public-catalog.controller.js';
import { PublicCatalogService } from './public-catalog.service.js';
import { QualityCertificate } from './quality-certificate.entity.js';
import { QualityCertificatesService } from './quality-certificates.service.js';
import { SellerProductsController } from './seller-products.controller.js';
import { SellerProductsService } from './seller-products.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ProductCategory,
      Product,
      ProductVariant,
      ProductImage,
      OcopCertificate,
      QualityCertificate,
    ]),
    StorageModule,
  ],
  controllers: [PublicCatalogController, SellerProductsController, ProvinceOcopController],
  providers: [
    SellerProductsService,
    ProductImagesService,
    OcopCertificatesService,
    QualityCertificatesService,
    PublicCatalogService,
  ],
  exports: [PublicCatalogService],
})
export class CatalogModule {}
