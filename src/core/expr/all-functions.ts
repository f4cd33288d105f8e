/**
 * Every function group at once, loaded statically: for Node (the CLI, the tests) and for code that
 * is itself loaded on demand and checks untrusted forms whole (the instrument validator, the
 * XLSForm importer), where waiting for import() would buy nothing.
 *
 * Never import this from code the first page loads: it would bring every group into it
 * (test/app/first-page-imports.test.ts checks that it does not). The app loads groups with
 * `loadFunctions` (./library.ts) instead.
 */
import { BASIC } from './functions';
import { DATES } from './groups/dates';
import { DIGEST } from './groups/digest';
import { EXTERNAL } from './groups/external';
import { GEO } from './groups/geo';
import { RANDOMIZE } from './groups/randomize';
import { REGEX } from './groups/regex';
import { libraryOf, type FunctionLibrary } from './library';

export const ALL_FUNCTIONS: FunctionLibrary = libraryOf([BASIC, DATES, DIGEST, GEO, REGEX, RANDOMIZE, EXTERNAL]);
