/**
 * The functions an evaluation can call: a `FunctionLibrary` holds the implementations of some
 * function groups (./catalog.ts). The basic group is always there (`BASIC_FUNCTIONS`); the others
 * are modules in ./groups/ that `loadFunctions` brings in with import(), so the first page carries
 * none of them and a phone downloads and compiles a group only for an instrument that calls it.
 *
 * A library is a plain immutable value, passed to `parseExpression` (which then also checks the
 * literal arguments of the loaded groups' functions) and to `evaluate` (which refuses a function of
 * a group the library lacks with an ExpressionError, never a made-up value). The module system keeps
 * what it has loaded, so asking again for a loaded group costs nothing. Node can take every group
 * at once, synchronously: `ALL_FUNCTIONS` in ./all-functions.ts.
 *
 * Nothing outside ./groups/ imports a group statically except ./all-functions.ts, and nothing the
 * first page loads imports ./all-functions.ts (test/app/first-page-imports.test.ts checks it).
 */
import { DalaError } from '../errors';
import { CATALOG, LAZY_GROUPS, type FunctionGroup, type LazyGroup } from './catalog';
import { BASIC, type FunctionDef, type FunctionGroupModule } from './functions';

export interface FunctionLibrary {
  /** The groups whose functions are here; always 'basic'. */
  readonly groups: ReadonlySet<FunctionGroup>;
  /** Name -> implementation, for every function of those groups. */
  readonly functions: ReadonlyMap<string, FunctionDef>;
}

/** A library of these groups' modules (and of `base`'s). Throws when a module's table and the catalog disagree. */
export function libraryOf(modules: readonly FunctionGroupModule[], base?: FunctionLibrary): FunctionLibrary {
  const groups = new Set<FunctionGroup>(base?.groups);
  const functions = new Map<string, FunctionDef>(base?.functions);
  for (const m of modules) {
    for (const [name, def] of m.functions) {
      if (CATALOG.get(name)?.group !== m.group) throw new Error(`${name}() is not a function of group '${m.group}' in the catalog`);
      functions.set(name, def);
    }
    groups.add(m.group);
  }
  return { groups, functions };
}

/** The basic functions: always loaded (./functions.ts). */
export const BASIC_FUNCTIONS: FunctionLibrary = libraryOf([BASIC]);

/** How each group on demand is loaded. Each import() is a chunk of its own in the app's build. */
const LOADERS: { readonly [G in LazyGroup]: () => Promise<FunctionGroupModule> } = {
  dates: () => import('./groups/dates').then((m) => m.DATES),
  digest: () => import('./groups/digest').then((m) => m.DIGEST),
  geo: () => import('./groups/geo').then((m) => m.GEO),
  regex: () => import('./groups/regex').then((m) => m.REGEX),
  randomize: () => import('./groups/randomize').then((m) => m.RANDOMIZE),
  external: () => import('./groups/external').then((m) => m.EXTERNAL),
};

/**
 * `base` with the functions of `groups` added, their modules loaded with import() (in parallel).
 * Resolves to `base` itself when it has them all already. Rejects with a DalaError ('expression')
 * for a name that is not a group, and with the loader's error when a module cannot be loaded (a
 * chunk missing from a half-updated cache).
 */
export async function loadFunctions(groups: Iterable<FunctionGroup>, base: FunctionLibrary = BASIC_FUNCTIONS): Promise<FunctionLibrary> {
  const wanted = new Set<LazyGroup>();
  for (const g of groups) {
    if (base.groups.has(g) || g === 'basic') continue;
    if (!(LAZY_GROUPS as readonly string[]).includes(g)) throw new DalaError('expression', `'${String(g)}' is not a function group`);
    wanted.add(g);
  }
  if (wanted.size === 0) return base;
  const modules = await Promise.all([...wanted].map((g) => LOADERS[g]()));
  return libraryOf(modules, base);
}

/** The groups `needed` that `library` lacks ('basic' never is), in catalog order. */
export function missingGroups(needed: Iterable<FunctionGroup>, library: FunctionLibrary): LazyGroup[] {
  const want = new Set(needed);
  return LAZY_GROUPS.filter((g) => want.has(g) && !library.groups.has(g));
}
