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
