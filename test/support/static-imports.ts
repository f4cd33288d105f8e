/**
 * The modules a source file loads before it runs: itself and its static imports, followed through
 * the project's own files (`import ... from './x'`, `export ... from './x'`, a side-effect
 * `import './x'`). Type-only imports (`import type`, or braces of `type` names only) and import()
 * are left out, as the build leaves them out. Packages and CSS are not followed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const STATIC = /^\s*(?:import|export)\s+(type\s+)?(?:([^'";]*?)\s+from\s+)?['"]([^'"]+)['"]/gm;

/** Whether the braces of an import name only types (`{ type A, type B }`). */
function typesOnly(clause: string): boolean {
  const braces = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = braces[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

function resolveFile(from: string, spec: string): string | null {
  const base = join(dirname(from), spec);
  for (const f of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(f) && /\.tsx?$/.test(f)) return f;
  return null;
}

/** Paths relative to `root`, with `/`, of every module `entry` loads statically. */
export function staticImports(root: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [join(root, entry)];
  while (queue.length) {
    const file = queue.shift()!;
    const rel = relative(root, file).replace(/\\/g, '/');
    if (seen.has(rel)) continue;
    seen.add(rel);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(STATIC)) {
      const [, typeKeyword, clause, spec] = m;
      if (typeKeyword || !spec!.startsWith('.') || (clause !== undefined && typesOnly(clause))) continue;
      const target = resolveFile(file, spec!);
      if (target) queue.push(target);
    }
  }
  return seen;
}

/**
 * The string literals passed to the app's translation function in `source`: inside the parentheses
 * of `t(...)`, `p.t(...)` or `tRef.current(...)` (a ternary of two keys gives both).
 */
export function translatedLiterals(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:\bt|tRef\.current)\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < source.length && depth > 0; i++) {
      const c = source[i];
      if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    for (const lit of source.slice(start, i - 1).matchAll(/['"`]([A-Za-z][A-Za-z0-9]*)['"`]/g)) out.push(lit[1]!);
  }
  return out;
}
