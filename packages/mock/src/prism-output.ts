/** The most recent lines a Prism process printed; bounded, because Prism logs every request it serves. */
export class OutputLog {
  readonly #lines: string[] = [];
  constructor(readonly limit = 200) {}

  push(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.limit) this.#lines.splice(0, this.#lines.length - this.limit);
  }

  text(): string {
    return this.#lines.join("\n");
  }
}

/**
 * Prism's output as worth showing to a person: when its command fails, yargs prints the whole `prism mock`
 * usage text before the actual error, which buries the one line that matters.
 */
export function describePrismOutput(output: string): string {
  const kept: string[] = [];
  let inUsage = false;
  for (const line of output.split("\n")) {
    if (line.startsWith("prism mock <document>")) {
      inUsage = true;
      continue;
    }
    if (inUsage) {
      // The usage block ends with the last option, `--seed`, followed by a blank line.
      if (line.trimStart().startsWith("--seed")) inUsage = false;
      continue;
    }
    kept.push(line);
  }
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
