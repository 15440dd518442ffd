import { ValidationError } from "../errors.js";
import { requireId } from "../validate.js";

/**
 * An id sent as a query value: a non-empty string with no whitespace anywhere (the specs' `^\S+$`). A space or tab
 * inside an id is never part of a real one and would address nothing, or something else.
 */
export function requireQueryId(field: string, value: unknown): string {
  const id = requireId(field, value);
  if (/\s/.test(id)) throw new ValidationError(field, "must not contain whitespace");
  return id;
}

/**
 * An id that fills one path segment: as a query id, and also no "/" (the specs' `^[^\s/]+$`; servers and proxies
 * may decode `%2F` into a separator) and not "." or "..", which a URL parser resolves before sending, so that the
 * request would address another resource. `alsoForbidden` adds characters (JD's ":").
 */
export function requirePathId(field: string, value: unknown, alsoForbidden = ""): string {
  const id = requireQueryId(field, value);
  const forbidden = [..."/", ...alsoForbidden].find((ch) => id.includes(ch));
  if (forbidden !== undefined) throw new ValidationError(field, `must not contain "${forbidden}"`);
  if (id === "." || id === "..") throw new ValidationError(field, 'must not be "." or ".."');
  return id;
}
