/**
 * The app's own language (English, Russian, Kazakh), chosen apart from a study's language.
 * English is in the first page's script (it is also every missing key's fallback); Russian and Kazakh
 * are loaded when chosen, so no one downloads three dictionaries.
 */
import { en, type MessageKey, type Messages } from './en';

export type AppLang = 'en' | 'ru' | 'kk';
export const APP_LANGS: { code: AppLang; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'ru', name: 'Русский' },
  { code: 'kk', name: 'Қазақша' },
];

export function isAppLang(s: unknown): s is AppLang {
  return s === 'en' || s === 'ru' || s === 'kk';
}

/** The app's words in `lang`; English when they cannot be loaded (never rejects: the app must draw). */
export async function loadMessages(lang: AppLang): Promise<Messages> {
  try {
    if (lang === 'ru') return (await import('./ru')).ru;
    if (lang === 'kk') return (await import('./kk')).kk;
  } catch {
    // A missing chunk (a half-updated cache): English, as `translate` does for a missing key.
  }
  return en;
}

/** The message for `key` with `{name}` placeholders filled in; English when the key is missing. */
export function translate(messages: Messages, key: MessageKey, params?: Record<string, string | number>): string {
  let s = messages[key] ?? en[key];
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

export { en };
export type { MessageKey, Messages };
