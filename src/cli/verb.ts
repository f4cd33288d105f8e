/** A CLI verb: its help text and what it does. `run` returns the exit code (0, 2 or 1). */
export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

export interface Verb {
  help: string;
  run(args: string[], io: Io): Promise<number>;
}
