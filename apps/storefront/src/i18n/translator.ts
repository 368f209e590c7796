import { en, type MessageKey, type Messages, vi } from './messages';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const dictionaries: Record<Language, Messages> = { vi, en };

/** The `{name}` placeholders of a Vietnamese message, so a forgotten value fails the type check. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type ParamsOf<K extends MessageKey> = Placeholders<(typeof vi)[K]>;
type Values<P extends string> = Record<P, string | number>;
/** Keys without placeholders: the ones that can be chosen at run time, such as error messages. */
export type PlainMessageKey = { [K in MessageKey]: [ParamsOf<K>] extends [never] ? K : never }[MessageKey];
export type TranslateArgs<K extends MessageKey> = [ParamsOf<K>] extends [never] ? [] : [params: Values<ParamsOf<K>>];

/** Keys that exist in both plural forms, named without the `.one`/`.other` suffix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never;
}[MessageKey];
type PluralParams<B extends PluralKey> = Omit<Values<ParamsOf<Extract<`${B}.other`, MessageKey>>>, 'count'>;

export interface Translator {
  language: Language;
  t<K extends MessageKey>(key: K, ...args: TranslateArgs<K>): string;
  tn<B extends PluralKey>(
    base: B,
    count: number,
    ...args: keyof PluralParams<B> extends never ? [] : [params: PluralParams<B>]
  ): string;
  formatNumber(value: number): string;
}

function fill(template: string, params: Record<string, string | number> | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export function createTranslator(language: Language): Translator {
  const dictionary = dictionaries[language];
  const plurals = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-GB');
  return {
    language,
    t: (key, ...args) => fill(dictionary[key], args[0]),
    tn: (base, count, ...args) => {
      const form = plurals.select(count) === 'one' ? 'one' : 'other';
      const key = `${base}.${form}` as MessageKey;
      return fill(dictionary[key], {
        ...(args[0] as Record<string, string | number> | undefined),
        count: numbers.format(count),
      });
    },
    formatNumber: (value) => numbers.format(value),
  };
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
