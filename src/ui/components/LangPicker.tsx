import { APP_LANGS, type AppLang } from '../../app/i18n';

/**
 * The app's language in the header. The `<select>` comes one frame after the first screen (`ready`):
 * in the first frame it cost about a tenth of the main thread's time to the first question (Chromium
 * traces at 4x CPU, issue 2's figure). Until then the same box, of a fixed size, shows the current language's name, so
 * nothing moves when the select takes its place.
 */
export function LangPicker(p: { lang: AppLang; label: string; ready: boolean; testid?: string; onChange(lang: AppLang): void }) {
  return (
    <label class="langpick">
      <span class="sr-only">{p.label}</span>
      {p.ready ? (
        <select value={p.lang} onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value as AppLang)} data-testid={p.testid}>
          {APP_LANGS.map((l) => (
            <option key={l.code} value={l.code}>{l.name}</option>
          ))}
        </select>
      ) : (
        <span class="langpick-name" aria-hidden="true">{APP_LANGS.find((l) => l.code === p.lang)?.name}</span>
      )}
    </label>
  );
}
