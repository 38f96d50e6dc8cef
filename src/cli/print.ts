/** The CLI's printer: the one place in src/ that writes results to stdout (logs go to stderr). */
export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printTable(rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [key, value] of rows) printLine(`${key.padEnd(width)}  ${value}`);
}
