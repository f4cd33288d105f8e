/**
 * The shared folder beside the repository (`../shared`: the public XLSForms and pyxform), read in
 * place, never copied into the project. A git worktree one level deeper (`wt/NAME`) finds the same
 * folder two levels up.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');

export const SHARED_DIR = [resolve(repoRoot, '../shared'), resolve(repoRoot, '../../shared')].find((d) => existsSync(resolve(d, 'xlsforms'))) ?? resolve(repoRoot, '../shared');

export const XLSFORMS_DIR = resolve(SHARED_DIR, 'xlsforms');
export const PYXFORM = resolve(SHARED_DIR, 'pyxform/xls2xform');
