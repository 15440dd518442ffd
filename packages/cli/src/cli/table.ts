/** Lays rows out in columns separated by two spaces; `right` lists the columns to right-align (sizes). */
export function formatTable(header: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => {
        const last = column === cells.length - 1;
        if (right.has(column)) return cell.padStart(widths[column]!);
        return last ? cell : cell.padEnd(widths[column]!);
      })
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** Wraps a comma-separated list to lines of at most `width` characters, each continuation indented. */
export function wrapList(items: readonly string[], width: number, indent: string): string {
  const lines: string[] = [];
  let current = "";
  for (const item of items) {
    const piece = current === "" ? item : `${current}, ${item}`;
    if (piece.length > width && current !== "") {
      lines.push(`${current},`);
      current = item;
    } else {
      current = piece;
    }
  }
  if (current !== "") lines.push(current);
  return lines.join(`\n${indent}`);
}
