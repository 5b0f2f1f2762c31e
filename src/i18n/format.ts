/**
 * The one message formatter: every `{name}` in a sentence is filled from the variables, and
 * `{name:form|form|…}` picks the word form the count `name` takes in the sentence's language,
 * by `Intl.PluralRules` (CLDR). The forms follow the language's categories in CLDR order:
 * English one|other («1 vote», «2 votes»), Russian one|few|many («1 голос», «2 голоса»,
 * «5 голосов», «21 голос»). A missing form falls back to the last one given.
 * Pure; the client's, console's, projector's and report's word tables all go through it.
 */
import type { Lang, Text } from './text.js';

/** A value to fill: a number or a string, or a Text (a clause chosen by the caller), filled in the template's language. */
export type Vars = Readonly<Record<string, string | number | boolean | null | undefined | Text>>;

const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && typeof (v as Text).en === 'string' && typeof (v as Text).ru === 'string';

const ORDER: readonly Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

const rules = new Map<Lang, { select: (n: number) => Intl.LDMLPluralRule; categories: Intl.LDMLPluralRule[] }>();

function pluralRules(lang: Lang): { select: (n: number) => Intl.LDMLPluralRule; categories: Intl.LDMLPluralRule[] } {
  let r = rules.get(lang);
  if (!r) {
    const pr = new Intl.PluralRules(lang);
    const mine = pr.resolvedOptions().pluralCategories;
    r = { select: (n) => pr.select(n), categories: ORDER.filter((c) => mine.includes(c)) };
    rules.set(lang, r);
  }
  return r;
}

/** The word form for `n` in `lang`, from forms listed in CLDR order (`plural('ru', 5, ['голос', 'голоса', 'голосов'])`). */
export function plural(lang: Lang, n: number, forms: readonly string[]): string {
  const { select, categories } = pluralRules(lang);
  const i = categories.indexOf(select(n));
  return forms[Math.min(i < 0 ? forms.length - 1 : i, forms.length - 1)] ?? '';
}

/** Fill a template: `{n}` is the value, `{n:vote|votes}` the word form for the count n. */
export function format(lang: Lang, template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)(?::([^{}]*))?\}/g, (_, name: string, forms: string | undefined) => {
    const v = vars[name];
    if (isText(v)) return v[lang];
    if (forms === undefined) return String(v ?? '');
    return plural(lang, Number(v ?? 0), forms.split('|'));
  });
}

/** A sentence in the reader's language, filled. */
export function say(lang: Lang, text: Text, vars: Vars = {}): string {
  return format(lang, text[lang], vars);
}

/** Both languages filled at once, for messages that travel as Text (the wire, the journal). */
export function sayBoth(text: Text, vars: Vars = {}): Text {
  return { en: format('en', text.en, vars), ru: format('ru', text.ru, vars) };
}

/** A table of words and its lookup in one: `lookup(lang, key, vars)`, the table itself as `lookup.table`. */
export interface Words<K extends string> {
  (lang: Lang, key: K, vars?: Vars): string;
  readonly table: Readonly<Record<K, Text>>;
}

/** The keys of a word table's lookup. */
export type WordOf<W> = W extends Words<infer K> ? K : never;

/**
 * The one lookup every word table uses, declared with its table: `export const cw = wordsOf({ … })`;
 * `cw('ru', 'keysFault', { c: 'A' })`. Each screen keeps its own words beside it.
 */
export function wordsOf<K extends string>(table: Readonly<Record<K, Text>>): Words<K> {
  return Object.assign((lang: Lang, key: K, vars: Vars = {}) => format(lang, table[key][lang], vars), { table });
}
