/**
 * The 'external' function group (../catalog.ts): external data, read through EvalContext.instance,
 * loaded on demand (../library.ts): pulldata(), and the reading of instance('id')/root/item[...]/field
 * paths, which the interpreter (../evaluate.ts) hands to instance()'s `path`.
 */
import { ExpressionError } from '../error';
import { hook, rowText, text, type FunctionDef, type FunctionGroupModule, type Row } from '../functions';
import { toBoolean } from '../values';

export const EXTERNAL: FunctionGroupModule = {
  group: 'external',
  functions: new Map<string, FunctionDef>([
    [
      'pulldata',
      {
        signature: "pulldata('data', 'column', 'key column', key)",
        call: (a, ctx, n) => {
          const id = text(a, 0);
          const rows = hook(ctx.instance, 'external data (EvalContext.instance)', n)(id);
          if (!rows) throw new ExpressionError(`no external data named '${id}'`, n.pos, '');
          const [field, keyField, key] = [text(a, 1), text(a, 2), text(a, 3)];
          const row = rows.find((r) => Object.hasOwn(r, keyField) && String(r[keyField]) === key);
          return row && Object.hasOwn(row, field) ? String(row[field] ?? '') : '';
        },
      },
    ],
    [
      'instance',
      {
        signature: "instance('data')/root/item[filter]/column",
        call: (_a, _c, n) => {
          throw new ExpressionError("instance('...') is read through a path: instance('data')/root/item[...]/column", n.pos, '');
        },
        path: (n, ctx, filter, count) => {
          if (!ctx.instance) throw new ExpressionError(`instance('${n.id}') needs external data, and none is attached here`, n.pos, '');
          const rows = ctx.instance(n.id);
          if (!Array.isArray(rows)) throw new ExpressionError(`no external data named '${n.id}'`, n.pos, '');
          count(rows.length, n.pos);
          let kept: readonly Row[] = rows;
          for (const f of Array.isArray(n.filters) ? n.filters : []) {
            const size = kept.length;
            kept = kept.filter((row, k) => {
              const v = filter(f, { row, position: k + 1, size });
              // A number is a position ([2], [position() = 2] alike), as in XPath.
              return typeof v === 'number' ? v === k + 1 : toBoolean(v);
            });
          }
          if (n.field === null) return kept.map(rowText);
          const field = n.field;
          return kept.filter((row) => Object.hasOwn(row, field)).map((row) => String(row[field] ?? ''));
        },
      },
    ],
  ]),
};
