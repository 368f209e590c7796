import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../core/http/domain-error.js';
import type { AuthenticatedUser } from '../identity/authenticated-user.js';
import { EXTENSIONS_BY_CONTENT_TYPE, FILE_STORAGE, type FileStorage } from '../storage/file-storage.js';
import { sniffFileType } from '../storage/sniff-file-type.js';
import type { UploadedFileData } from '../storage/upload.interceptor.js';
import { IMAGE_CONTENT_TYPES, MAX_IMAGES_PER_PRODUCT } from './catalog.constants.js';
import { isUuid } from './catalog-errors.js';
import { toImageDto } from './catalog-mappers.js';
import type { ProductImageDto } from './dto/seller-product.dto.js';
import { ProductImage } from './product-image.entity.js';
import { findOwnProduct } from './seller-products.service.js';

export function unsupportedFileType(allowed: readonly string[]): DomainError {
  const names = allowed.map((type) => type.replace(/^.*\//, '').toUpperCase()).join(', ');
  return new DomainError('unsupported_file_type', `The file must be ${names}`, HttpStatus.BAD_REQUEST, [
    { field: 'file', messages: [`file must be ${names} (checked from its content, not its name)`] },
  ]);
}

@Injectable()
export class ProductImagesService {
  private readonly logger = new Logger(ProductImagesService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /**
   * Everything that can refuse the upload is checked before the file is written; the row is then
   * inserted, and if that fails the file is removed again, so a refused upload leaves nothing.
   */
  async add(
    caller: AuthenticatedUser,
    productId: string,
    file: UploadedFileData,
    altText = '',
  ): Promise<ProductImageDto> {
    const product = await findOwnProduct(this.db.manager, caller, productId);
    const contentType = sniffFileType(file.buffer);
    if (!contentType || !(IMAGE_CONTENT_TYPES as readonly string[]).includes(contentType)) {
      throw unsupportedFileType(IMAGE_CONTENT_TYPES);
    }
    const count = await this.db.getRepository(ProductImage).countBy({ productId: product.id });
    if (count >= MAX_IMAGES_PER_PRODUCT) {
      throw new DomainError(
        'too_many_images',
        `A product can have at most ${MAX_IMAGES_PER_PRODUCT} images`,
        HttpStatus.CONFLICT,
      );
    }

    const key = `public/products/${product.id}/${randomUUID()}.${EXTENSIONS_BY_CONTENT_TYPE[contentType]}`;
    await this.storage.put(key, file.buffer, contentType);
    try {
      const image = await this.db.transaction(async (manager) => {
        // Re-read under lock: the product may have been deleted, or the limit reached, meanwhile.
        await findOwnProduct(manager, caller, productId, true);
        const images = manager.getRepository(ProductImage);
        const position = await images.countBy({ productId: product.id });
        if (position >= MAX_IMAGES_PER_PRODUCT) {
          throw new DomainError(
            'too_many_images',
            `A product can have at most ${MAX_IMAGES_PER_PRODUCT} images`,
            HttpStatus.CONFLICT,
          );
        }
        return images.save(
          images.create({
            productId: product.id,
            organisationId: product.organisationId,
            storageKey: key,
            contentType,
            byteSize: file.buffer.length,
            altText: altText.trim(),
            position,
          }),
        );
      });
      return toImageDto(image, this.storage);
    } catch (error) {
      await this.storage
        .delete(key)
        .catch((cause: unknown) => this.logger.warn({ err: cause, key }, 'Orphan image left'));
      throw error;
    }
  }

  async remove(caller: AuthenticatedUser, productId: string, imageId: string): Promise<void> {
    const key = await this.db.transaction(async (manager) => {
      const product = await findOwnProduct(manager, caller, productId, true);
      const image = isUuid(imageId)
        ? await manager.getRepository(ProductImage).findOneBy({ id: imageId, productId: product.id })
        : null;
      if (!image) throw new DomainError('image_not_found', 'No such image on this product', HttpStatus.NOT_FOUND);
      await manager.getRepository(ProductImage).delete({ id: image.id });
      return image.storageKey;
    });
    await this.storage
      .delete(key)
      .catch((error: unknown) => this.logger.warn({ err: error, key }, 'Orphan image left'));
  }
}
