/**
 * The language part of a column header (`label::English (en)`, `hint::ru`, `label::Kazakh`) and of
 * the `default_language` setting, turned into a language code and a display name.
 *
 * Rule, in order: a code in parentheses wins ("Русский (ru)" -> ru); else text that is a language
 * code is that code ("ru", "EN", "pt-BR"; a few ISO 639-2 codes such as "eng" map to their two-letter
 * code); else a known language name, in English or in the language itself ("Kazakh", "Қазақша",
 * "chinese"); else the text itself is used as the code.
 */
import { lookup } from './lookup';

export interface LanguageRef {
  code: string;
  /**
   * The name written before the parentheses ("Русский (ru)"), else the language's own name when it
   * is known ("kazakh", "kk" -> "Қазақша"), else the text itself; undefined for an unknown code.
   */
  name?: string;
}

/** code -> [native name, ...other names (lower case)]. */
const KNOWN: ReadonlyMap<string, string[]> = lookup({
  en: ['English', 'english', 'eng', 'английский', 'ағылшын', 'ағылшынша'],
  ru: ['Русский', 'russian', 'rus', 'русский', 'орысша', 'орыс'],
  kk: ['Қазақша', 'kazakh', 'kaz', 'қазақ', 'қазақша', 'казахский', 'qazaq', 'qazaqsha'],
  ky: ['Кыргызча', 'kyrgyz', 'kirghiz', 'kir', 'кыргызча', 'киргизский'],
  uz: ['Oʻzbekcha', 'uzbek', 'uzb', 'oʻzbekcha', "o'zbekcha", 'узбекский'],
  tg: ['Тоҷикӣ', 'tajik', 'tgk', 'тоҷикӣ', 'таджикский'],
  tk: ['Türkmençe', 'turkmen', 'tuk', 'türkmençe'],
  mn: ['Монгол', 'mongolian', 'mon', 'монгол'],
  uk: ['Українська', 'ukrainian', 'ukr', 'українська', 'украинский'],
  be: ['Беларуская', 'belarusian', 'bel', 'беларуская'],
  tr: ['Türkçe', 'turkish', 'tur', 'türkçe'],
  az: ['Azərbaycanca', 'azerbaijani', 'aze', 'azərbaycanca'],
  ka: ['ქართული', 'georgian', 'kat', 'geo', 'ქართული'],
  hy: ['Հայերեն', 'armenian', 'hye', 'arm', 'հայերեն'],
  de: ['Deutsch', 'german', 'deu', 'ger', 'deutsch'],
  fr: ['Français', 'french', 'fra', 'fre', 'français', 'francais'],
  es: ['Español', 'spanish', 'spa', 'español', 'espanol'],
  pt: ['Português', 'portuguese', 'por', 'português', 'portugues'],
  it: ['Italiano', 'italian', 'ita', 'italiano'],
  nl: ['Nederlands', 'dutch', 'nld', 'dut', 'nederlands'],
  pl: ['Polski', 'polish', 'pol', 'polski'],
  ar: ['العربية', 'arabic', 'ara', 'العربية'],
  fa: ['فارسی', 'persian', 'farsi', 'fas', 'per', 'فارسی'],
  ur: ['اردو', 'urdu', 'urd', 'اردو'],
  hi: ['हिन्दी', 'hindi', 'hin', 'हिन्दी'],
  bn: ['বাংলা', 'bengali', 'bangla', 'ben', 'বাংলা'],
  zh: ['中文', 'chinese', 'zho', 'chi', '中文'],
  ja: ['日本語', 'japanese', 'jpn', '日本語'],
  ko: ['한국어', 'korean', 'kor', '한국어'],
  sw: ['Kiswahili', 'swahili', 'swa', 'kiswahili'],
  am: ['አማርኛ', 'amharic', 'amh', 'አማርኛ'],
  ha: ['Hausa', 'hausa', 'hau'],
  yo: ['Yorùbá', 'yoruba', 'yor', 'yorùbá'],
  id: ['Bahasa Indonesia', 'indonesian', 'ind', 'bahasa indonesia'],
  vi: ['Tiếng Việt', 'vietnamese', 'vie', 'tiếng việt'],
  th: ['ไทย', 'thai', 'tha', 'ไทย'],
  ne: ['नेपाली', 'nepali', 'nep', 'नेपाली'],
});

const BY_NAME = new Map<string, string>();
for (const [code, names] of KNOWN) for (const n of names) BY_NAME.set(n.toLowerCase(), code);

/** "pt-br" -> "pt-BR", "EN" -> "en", "zh-hant" -> "zh-Hant". */
function canonicalCode(code: string): string {
  return code
    .split('-')
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 2) return part.toUpperCase();
      if (part.length === 4) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    })
    .join('-');
}

const CODE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export function resolveLanguage(raw: string): LanguageRef {
  const text = raw.trim();
  const paren = /^(.*?)\s*\(\s*([^()]+?)\s*\)$/.exec(text);
  if (paren) {
    const name = paren[1]!.trim();
    const inner = paren[2]!;
    const code = CODE.test(inner) ? canonicalCode(inner) : inner;
    return { code, name: name || nativeName(code) };
  }
  const byName = BY_NAME.get(text.toLowerCase());
  // A known name or three-letter code ("Kazakh", "eng"); a two-letter text is a code as written.
  if (byName && !(text.length === 2 && CODE.test(text))) return { code: byName, name: nativeName(byName) ?? text };
  if (CODE.test(text)) {
    const code = canonicalCode(text);
    return { code, name: nativeName(code) };
  }
  return { code: text, name: text };
}

/** The language's name in itself, when we know it ("ru" -> "Русский"). */
export function nativeName(code: string): string | undefined {
  return KNOWN.get(code.split('-')[0]!)?.[0];
}
