import { readFileSync, readdirSync } from 'node:fs';
import { importXlsForm } from '/work/main/src/core/xlsform/index';
import { formatProblem } from '/work/main/src/core/errors';
const dir = '/work/shared/xlsforms/pyxform/';
const only = process.argv[2];
for (const f of readdirSync(dir).filter((f) => f.endsWith('.xlsx') && (!only || f.includes(only)))) {
  const t = performance.now();
  const res = importXlsForm(new Uint8Array(readFileSync(dir + f)), f);
  console.log('=====', f, (performance.now() - t).toFixed(1), 'ms', res.ok);
  for (const p of res.ok ? res.warnings : res.problems) console.log('  ', p.severity[0], formatProblem({ ...p, file: undefined }));
  if (res.ok && only) console.log(JSON.stringify(res.instrument, null, 1));
}
