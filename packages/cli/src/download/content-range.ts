/** A parsed `Content-Range: bytes <start>-<end>/<total>` header (RFC 9110 §14.4). */
export interface ContentRange {
  start: number;
  end: number;
  /** undefined when the server wrote `*` (length unknown). */
  total: number | undefined;
}

/** Parses a satisfied byte range; returns undefined for anything else (including `bytes * /total`). */
export function parseContentRange(header: string | undefined): ContentRange | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === "*" ? undefined : Number(match[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return undefined;
  if (total !== undefined && (!Number.isSafeInteger(total) || end >= total)) return undefined;
  return { start, end, total };
}

/** The total length from an unsatisfied range answer (`416` with `Content-Range: bytes * /<total>`). */
export function parseUnsatisfiedRange(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bytes\s+\*\/(\d+)\s*$/i.exec(header);
  if (!match) return undefined;
  const total = Number(match[1]);
  return Number.isSafeInteger(total) ? total : undefined;
}

/** A Content-Length header as a number, or undefined when absent or malformed. */
export function parseContentLength(header: string | undefined): number | undefined {
  if (header === undefined || !/^\s*\d+\s*$/.test(header)) return undefined;
  const value = Number(header);
  return Number.isSafeInteger(value) ? value : undefined;
}
