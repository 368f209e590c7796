import { toSlug } from '@ocop/shared';

const MAX_SLUG_LENGTH = 80;

/**
 * `Quýt vàng Bắc Sơn – hộp 2 kg` → `quyt-vang-bac-son-hop-2-kg`. Slugs carry no diacritics so that
 * links survive being typed, pasted into Zalo or printed on a label; long names are cut at a word.
 */
export function slugify(text: string): string {
  const slug = toSlug(text);
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 20 ? cut.slice(0, lastDash) : slug.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/g, '');
}

/**
 * The first of `base`, `base-2`, `base-3`… not in `taken`. A name made only of symbols still gets a
 * usable slug.
 */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  const root = base || 'san-pham';
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) {
    const candidate = `${root}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
