import { formatProblem, type Problem } from '../../core/errors';

/** Errors and warnings as a researcher reads them: sheet, row, column, what is wrong. */
export function ProblemList(p: { problems: Problem[]; title: string; kind: 'error' | 'warning'; testid?: string }) {
  if (!p.problems.length) return null;
  return (
    <section class={`problems ${p.kind}`} data-testid={p.testid} role={p.kind === 'error' ? 'alert' : undefined}>
      <h2>{p.title}</h2>
      <ul>
        {p.problems.map((pr, i) => (
          <li key={i}>{formatProblem(pr)}</li>
        ))}
      </ul>
    </section>
  );
}
