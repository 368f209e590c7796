import { foldVietnamese } from '@ocop/shared';

/**
 * Query-side text handling shared by both engines. Documents are folded in SQL by `search_fold()`
 * (migration 1764000000900); this is its JavaScript twin, and the integration tests check that the
 * two agree on every commune and category name.
 */

/**
 * `y` as the only vowel after an initial consonant (or after `qu`) is interchangeable with `i` in
 * Vietnamese spelling: kỹ/kĩ, lý/lí, quý/quí, and the southern "quít" for "quýt". Folding it to `i`
 * makes either spelling find the other. A `y` after another vowel (tay, thủy, Nguyễn) or before
 * one (quyền, yến) is a different sound and stays.
 */
const SOLE_Y = /(^|[^a-z0-9])(qu|[bcdghklmnprstvx]{1,3})y(?![aeiou])/g;

export function foldForSearch(text: string): string {
  return foldVietnamese(text).replace(SOLE_Y, '$1$2i');
}

/** At most this many words of a query are used; the rest of a pasted paragraph adds nothing. */
export const MAX_QUERY_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/** Folded words of a query, in order, without repeats. */
export function queryWords(text: string): string[] {
  const words = foldForSearch(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/** Words of this length or more tolerate one typo, as in Meilisearch's default `oneTypo` setting. */
export const MIN_WORD_LENGTH_FOR_TYPO = 5;

/**
 * True when `a` becomes `b` with at most one insertion, deletion, substitution or swap of two
 * adjacent letters (optimal string alignment distance ≤ 1). Linear, without a distance matrix,
 * because it only ever has to answer "one or not".
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const lengthDifference = a.length - b.length;
  if (Math.abs(lengthDifference) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  if (lengthDifference === 0) {
    if (a.slice(start + 1) === b.slice(start + 1)) return true;
    return a[start] === b[start + 1] && a[start + 1] === b[start] && a.slice(start + 2) === b.slice(start + 2);
  }
  return lengthDifference > 0 ? a.slice(start + 1) === b.slice(start) : a.slice(start) === b.slice(start + 1);
}

/**
 * The word itself and every string made by deleting one letter. Two words within one edit always
 * share a member of these sets (a swap or a substitution deletes to the same string), which lets a
 * B-tree lookup replace a scan of the whole vocabulary (the "symmetric delete" method of SymSpell).
 */
export function oneDeletionVariants(word: string): string[] {
  const variants = new Set([word]);
  for (let index = 0; index < word.length; index += 1) variants.add(word.slice(0, index) + word.slice(index + 1));
  return [...variants];
}
