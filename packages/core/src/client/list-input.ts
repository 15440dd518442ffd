/**
 * Input checks the list operations share: page sizes and offsets, time windows in each vendor's query format,
 * enum filters in any documented casing. Each throws core's ValidationError naming the field, before any request.
 */
import { ValidationError } from "../errors.js";
import { parseQueryTime, type QueryTimeFormat } from "../time.js";
export { INT32_MAX, optionalInteger } from "../validate.js";

/**
 * One of `allowed`, compared without regard to case (the vendors' own documents disagree on it), returned in the
 * spelling of `allowed` (what the API documents for requests). `undefined` stays `undefined`.
 */
export function optionalOneOfAnyCase<const T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const found = typeof value === "string" ? allowed.find((option) => option.toLowerCase() === value.toLowerCase()) : undefined;
  if (found === undefined) throw new ValidationError(field, `must be one of ${allowed.join(", ")}`);
  return found;
}

/** A time as the query text and its instant: a valid Date written in `style`, or text exactly in `style`. */
function requireQueryTime(field: string, value: unknown, style: QueryTimeFormat): [text?: string, time?: number] {
  if (value === undefined) return [];
  // An invalid Date becomes "", a year past 9999 "+010000-..."; neither matches the pattern.
  const text = value instanceof Date ? (isNaN(+value) ? "" : style.format(value)) : value;
  const date = typeof text === "string" ? parseQueryTime(text, style) : undefined;
  if (date === undefined) throw new ValidationError(field, `must be a valid Date or a time like ${style.example}`);
  return [text as string, date.getTime()];
}

/**
 * `since`/`until` as the vendor's `begin_time`/`end_time` query values: a `Date`, or a string already in the
 * vendor's format (checked to be a real time). `paired`: the API wants both or neither (RDS, DDS). `since` must be
 * earlier than `until`.
 */
export function requireTimeWindow(
  fields: Record<string, unknown>,
  style: QueryTimeFormat,
  paired: boolean,
): { begin_time?: string | undefined; end_time?: string | undefined } {
  const [begin_time, since] = requireQueryTime("since", fields.since, style);
  const [end_time, until] = requireQueryTime("until", fields.until, style);
  if (paired && (begin_time === undefined) !== (end_time === undefined)) {
    throw new ValidationError(begin_time === undefined ? "since" : "until", `is required with ${begin_time === undefined ? "until" : "since"}`);
  }
  // Comparisons with undefined are false: only a window with both ends is checked.
  if ((since as number) >= (until as number)) throw new ValidationError("until", "must be later than since");
  return { begin_time, end_time };
}
