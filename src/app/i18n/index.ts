/** The app's own language (English, Russian, Kazakh), chosen apart from a study's language. */
import { en, type MessageKey, type Messages } from './en';
import { ru } from './ru';
import { kk } from './kk';

export type AppLang = 'en' | 'ru' | 'kk';
export const APP_LANGS: { code: AppLang; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'ru', name: 'Русский' },
  { code: 'kk', name: 'Қазақша' },
];

const dictionaries: Record<AppLang, Messages> = { en, ru, kk };

export function isAppLang(s: unknown): s is AppLang {
  return s === 'en' || s === 'ru' || s === 'kk';
}

/** The message for `key` in `lang` with `{name}` placeholders filled in. */
export function translate(lang: AppLang, key: MessageKey, params?: Record<string, string | number>): string {
  let s = dictionaries[lang][key] ?? en[key];
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** The app's language from the browser's preferences, else English. */
export function preferredLang(languages: readonly string[]): AppLang {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (isAppLang(base)) return base;
  }
  return 'en';
}

export type { MessageKey };
