/**
 * The app's own language (English, Russian, Kazakh), chosen apart from a study's language.
 *
 * Each language's words are in two files: the first page's (./en-first.ts, what the runner, its
 * header and banners draw) and every other screen's (./en.ts, where new keys go). Only the first
 * page's English is in the first page's script; the rest of a language, and Russian and Kazakh, are
 * loaded with import(): the first page's words before the first render, the others after the first
 * frame and before any screen loaded later is drawn (`Lazy` waits for them). The compiler checks
 * that Russian and Kazakh have every key of each file, and that no key is in both.
 */
import { enFirst, type FirstMessages } from './en-first';
import type { Messages as LaterMessages } from './en';

export type AppLang = 'en' | 'ru' | 'kk';
export const APP_LANGS: { code: AppLang; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'ru', name: 'Русский' },
  { code: 'kk', name: 'Қазақша' },
];

/** Every word of the app. */
export type Messages = FirstMessages & LaterMessages;
export type MessageKey = keyof Messages;
/** The words the app has: the first page's, and the other screens' once they are loaded. */
export type LoadedMessages = FirstMessages & Partial<LaterMessages>;
export type { FirstMessages };

/** A key is in ./en-first.ts or in ./en.ts, never both: otherwise this fails to compile, naming it. */
type NoKey<K extends never> = K;
export type OneFilePerKey = NoKey<keyof FirstMessages & keyof LaterMessages>;

export function isAppLang(s: unknown): s is AppLang {
  return s === 'en' || s === 'ru' || s === 'kk';
}

/** Words, and the language they are in (English when the chosen one could not be loaded). */
export interface Loaded<M> {
  lang: AppLang;
  messages: M;
}

/** The first page's words in `lang`; English when they cannot be loaded (never rejects: the app must draw). */
export async function loadFirstMessages(lang: AppLang): Promise<Loaded<FirstMessages>> {
  try {
    if (lang === 'ru') return { lang, messages: (await import('./ru-first')).ruFirst };
    if (lang === 'kk') return { lang, messages: (await import('./kk-first')).kkFirst };
  } catch {
    // A missing chunk (a half-updated cache): English, as `translate` does for a missing key.
  }
  return { lang: 'en', messages: enFirst };
}

/**
 * Every word in `lang`; English when they cannot be loaded; the first page's English alone when not
 * even English's other words can be (`translate` then gives a missing word's key). Never rejects.
 */
export async function loadMessages(lang: AppLang): Promise<Loaded<LoadedMessages>> {
  try {
    if (lang === 'ru') {
      const [first, later] = await Promise.all([import('./ru-first'), import('./ru')]);
      return { lang, messages: { ...first.ruFirst, ...later.ru } };
    }
    if (lang === 'kk') {
      const [first, later] = await Promise.all([import('./kk-first'), import('./kk')]);
      return { lang, messages: { ...first.kkFirst, ...later.kk } };
    }
  } catch {
    // A missing chunk: English.
  }
  try {
    return { lang: 'en', messages: { ...enFirst, ...(await import('./en')).en } };
  } catch {
    return { lang: 'en', messages: enFirst };
  }
}

/**
 * The message for `key` with `{name}` placeholders filled in: in `messages`, else the first page's
 * English, else the key itself (a word of a later screen asked before it was loaded: `Lazy` waits
 * for them, so this is a mistake to see, not a blank).
 */
export function translate(messages: LoadedMessages, key: MessageKey, params?: Record<string, string | number>): string {
  const words = messages as Partial<Record<MessageKey, string>>;
  let s = (Object.hasOwn(words, key) ? words[key] : undefined) ?? (Object.hasOwn(enFirst, key) ? (enFirst as Record<string, string>)[key] : undefined) ?? key;
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

export { enFirst };
