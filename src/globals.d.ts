/** Set by vite.config.ts `define`. */
declare const __DALA_VERSION__: string;
declare const __DALA_BUILD__: string;
