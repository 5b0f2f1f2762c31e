/** A sentence in every language the product speaks. Plain data, so it travels on the wire. */
export interface Text {
  en: string;
  ru: string;
}

export type Lang = keyof Text;

export const LANGS: readonly Lang[] = ['en', 'ru'];

export function text(en: string, ru: string): Text {
  return { en, ru };
}

/** Pick the language from a flag, else from LANG/LC_ALL (ru_RU.UTF-8 → ru), else English. */
export function langFrom(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  const pick = (flag ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '').toLowerCase();
  return pick.startsWith('ru') ? 'ru' : 'en';
}
