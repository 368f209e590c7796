import { Controller, Get, HttpStatus, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrorDto } from '../core/http/api-error.js';
import { DomainError } from '../core/http/domain-error.js';
import { Public } from '../identity/authenticated-user.js';
import { FILE_STORAGE, type FileStorage, isValidStorageKey, PUBLIC_PREFIX } from './file-storage.js';

/**
 * Serves public files (product images) read-only, whichever adapter holds them. Keys outside
 * `public/` (scanned certificates) are never reachable here, even by guessing their key.
 */
@ApiTags('files')
@Public()
@Controller('files')
export class FilesController {
  constructor(@Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  @Get('public/*path')
  @ApiParam({ name: 'path', type: String, description: 'The rest of the key, e.g. products/…/….webp' })
  @ApiOkResponse({ description: 'The file', content: { 'image/*': { schema: { type: 'string', format: 'binary' } } } })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async read(
    @Param('path') path: string | string[],
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    // Express 5 hands a wildcard over as its segments.
    const key = PUBLIC_PREFIX + (Array.isArray(path) ? path.join('/') : path);
    const object = isValidStorageKey(key) ? await this.storage.get(key) : null;
    if (!object) throw new DomainError('file_not_found', 'No such file', HttpStatus.NOT_FOUND);
    response.setHeader('Content-Type', object.contentType);
    // Keys are never reused for other content, so the file can be cached for good.
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(object.data);
  }
}
