/**
 * "1 problem", "3 problems": a number with its noun, for the English messages of the core and the
 * CLI (the app's own words go through its message catalogues, which have their own plural forms).
 */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
