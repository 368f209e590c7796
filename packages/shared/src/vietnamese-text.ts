/**
 * Folds Vietnamese text for matching: lower case, no tone or vowel marks, `đ` as `d`.
 * `đ` is a letter of its own in Unicode (no decomposition), so NFD alone leaves it untouched.
 * Must agree with the database function `fold_vi` so that client-side and SQL matching coincide.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

/** A URL slug without diacritics: `Mật ong Bắc Sơn 500 g` → `mat-ong-bac-son-500-g`. */
export function toSlug(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
