import { describe, expect, it } from 'vitest';
import { firstFreeSlug, slugify } from './product-slug.js';

describe('product slugs', () => {
  it('drops diacritics, maps đ to d and joins words with dashes', () => {
    expect(slugify('Quýt vàng Bắc Sơn – hộp 2 kg')).toBe('quyt-vang-bac-son-hop-2-kg');
    expect(slugify('Thạch đen Tràng Định')).toBe('thach-den-trang-dinh');
    expect(slugify('ĐẶC SẢN Đồng Đăng')).toBe('dac-san-dong-dang');
    expect(slugify('  Na Chi Lăng (loại 1) !!! ')).toBe('na-chi-lang-loai-1');
  });

  it('treats composed and decomposed Unicode alike', () => {
    expect(slugify('Hoa hồi'.normalize('NFD'))).toBe(slugify('Hoa hồi'.normalize('NFC')));
  });

  it('cuts long names at a word boundary', () => {
    const slug = slugify('Mật ong hoa rừng nguyên chất '.repeat(6));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect('mat-ong-hoa-rung-nguyen-chat-'.repeat(6).startsWith(`${slug}-`)).toBe(true);
  });

  it('numbers a slug that is taken', () => {
    expect(firstFreeSlug('hoa-hoi', new Set())).toBe('hoa-hoi');
    expect(firstFreeSlug('hoa-hoi', new Set(['hoa-hoi', 'hoa-hoi-2']))).toBe('hoa-hoi-3');
    expect(firstFreeSlug('', new Set())).toBe('san-pham');
  });
});
