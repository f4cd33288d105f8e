/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { CSP } from './src/workers/csp.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Modules of the first page that lazily loaded screens also import (see `manualChunks`). Not the
 * expression functions loaded on demand (src/core/expr/groups/, and all-functions.ts, which imports
 * them all): each group is a chunk of its own, loaded when an instrument calls it.
 */
/** A module of a function group on demand, and its group (regex-engine.ts goes with regex.ts): its chunk is `fn-<group>`. */
const FUNCTION_GROUP = /src\/core\/expr\/groups\/(?:.*\/)?(\w+)[^/]*\.ts$/;
const FIRST_PAGE_SHARED = /node_modules\/preact|src\/core\/expr\/(?!groups\/|all-functions)|src\/core\/errors|src\/core\/instrument\/types|src\/ui\/context/;

/**
 * V8's compile hint for the first page's scripts: compile every function while the script streams in,
 * on a background thread, instead of each on the main thread the first time it runs (about 150
 * functions before the first question). The comment must open the file, so it is added after
 * minification (which drops it in `renderChunk`), after the file names are hashed. So the hint never
 * changes a name: a device that cached a file of the same name before the hint existed keeps that
 * copy, which costs speed only. The lazily loaded screens do not get it.
 * https://v8.dev/blog/explicit-compile-hints
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

function compileHints(): Plugin {
  return {
    name: 'dala-compile-hints',
    apply: 'build',
    // After Vite's own post-processing, which puts a line of its own at the top of the entry.
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId?.endsWith('/index.html'));
        if (!entry || entry.type !== 'chunk') throw new Error('dala-compile-hints: no entry chunk for index.html');
        // The entry and every chunk it imports statically, however deep: all load before the first render.
        const seen = new Set<string>();
        const walk = (name: string): void => {
          const chunk = bundle[name];
          if (seen.has(name) || chunk?.type !== 'chunk') return;
          seen.add(name);
          if (!chunk.code.startsWith(COMPILE_HINT)) chunk.code = COMPILE_HINT + chunk.code;
          for (const next of chunk.imports) walk(next);
        };
        walk(entry.fileName);
      },
    },
  };
}

/**
 * The entry script blocks rendering until it has run (`blocking="render"`, written in index.html,
 * which Vite drops when it rewrites the tag). Otherwise Chromium draws an empty frame while the script
 * is compiled, and the app's first frame, with the question, waits behind it.
 */
function renderBlockingEntry(): Plugin {
  return {
    name: 'dala-render-blocking-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tag = /<script type="module" crossorigin src="([^"]+)"><\/script>/;
        if (!tag.test(html)) throw new Error('dala-render-blocking-entry: no entry script in index.html');
        return html.replace(tag, '<script type="module" blocking="render" crossorigin src="$1"></script>');
      },
    },
  };
}

export default defineConfig({
  define: {
    __DALA_VERSION__: JSON.stringify(pkg.version),
    // Set DALA_BUILD_ID to tell two builds of the same version apart (the update test does).
    __DALA_BUILD__: JSON.stringify(process.env.DALA_BUILD_ID ?? ''),
  },
  plugins: [
    preact(),
    compileHints(),
    renderBlockingEntry(),
    VitePWA({
      // Update by prompt, never by itself: a new version must not reload a page with a draft open.
      registerType: 'prompt',
      // Dala's own service worker (src/workers/sw.ts): Workbox's precache plus the CSP header.
      strategies: 'injectManifest',
      srcDir: 'src/workers',
      filename: 'sw.ts',
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,ico,json}'] },
      injectRegister: null,
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Dala — field research',
        short_name: 'Dala',
        description: 'Offline-first interviews and questionnaires, encrypted bundles, on-device scoring.',
        lang: 'en',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#f6f3ea',
        theme_color: '#2f5d50',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    // Every browser Dala targets preloads modules itself: no polyfill in the first page's script.
    modulePreload: { polyfill: false },
    rollupOptions: {
      onLog(level, log, handler) {
        // The groups are imported statically by all-functions.ts as well (the validator, the XLSForm
        // importer): `manualChunks` gives each a chunk of its own, so their import() stays effective.
        if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' && log.message.includes('src/core/expr/groups/')) return;
        handler(level, log);
      },
      output: {
        // What the first page shares with screens loaded later goes in one chunk, not five small
        // ones: each is a request through the service worker before the first question shows.
        // Each expression function group is a chunk of its own (the validator and the XLSForm
        // importer import them all statically, which would otherwise put them all into one).
        manualChunks: (id: string) => {
          if (FIRST_PAGE_SHARED.test(id)) return 'app';
          const group = FUNCTION_GROUP.exec(id)?.[1];
          return group ? `fn-${group}` : undefined;
        },
      },
    },
  },
  worker: { format: 'es' },
  preview: { headers: { 'Content-Security-Policy': CSP } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          // Property and fuzz tests run a fixed number of cases: on a loaded 2-core machine that can
          // take longer than vitest's default 5 s. Time budgets belong in `npm run bench`.
          testTimeout: 30_000,
          include: ['test/*.test.ts', 'test/core/**/*.test.ts', 'test/adapters/**/*.test.ts', 'test/app/**/*.test.ts', 'test/cli/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
