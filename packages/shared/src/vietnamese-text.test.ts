import { describe, expect, it } from 'vitest';
import { foldVietnamese, toSlug } from './vietnamese-text.js';

describe('foldVietnamese', () => {
  it('removes tone and vowel marks and lower-cases', () => {
    expect(foldVietnamese('Cà Phê Đà Lạt')).toBe('ca phe da lat');
    expect(foldVietnamese('Mật ong rừng Hữu Lũng')).toBe('mat ong rung huu lung');
  });

  it('maps đ and Đ to d, which Unicode decomposition does not', () => {
    expect(foldVietnamese('Đặc sản Đông Kinh')).toBe('dac san dong kinh');
  });

  it('treats precomposed and decomposed input the same', () => {
    expect(foldVietnamese('Phường Đông Kinh'.normalize('NFD'))).toBe(foldVietnamese('Phường Đông Kinh'));
  });
});

describe('toSlug', () => {
  it('makes an ASCII slug from Vietnamese text', () => {
    expect(toSlug('Hợp tác xã Nông sản Đông Kinh')).toBe('hop-tac-xa-nong-san-dong-kinh');
    expect(toSlug('  Mật ong (500 g) – Bắc Sơn!  ')).toBe('mat-ong-500-g-bac-son');
  });
});
