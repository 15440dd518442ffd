import { ValidationError } from "./errors.js";
import { isRecord } from "./records.js";

/**
 * An object (not null, not an array). Throws `ValidationError(field, rule)`. `T` names the object's expected shape
 * for the caller's types (its fields are not checked here).
 */
export function requireObject<T extends object = Record<string, unknown>>(field: string, value: unknown, rule = "must be an object"): asserts value is T {
  if (!isRecord(value)) throw new ValidationError(field, rule);
}

/**
 * A non-empty string without leading/trailing whitespace (ids are sent verbatim in paths and queries, and a stray
 * space or newline from a copy-paste would silently address another resource), in well-formed Unicode (a lone
 * surrogate made openapi-fetch's `encodeURIComponent` throw a bare `URIError: URI malformed` naming no field).
 * Throws `ValidationError(field, "must be a non-empty string without surrounding whitespace")` or
 * `ValidationError(field, "must be valid Unicode")`.
 */
export function requireId(field: string, value: unknown): string {
  if (typeof value !== "string" || value === "" || value.trim() !== value) {
    throw new ValidationError(field, "must be a non-empty string without surrounding whitespace");
  }
  // With the u flag a surrogate pair is one astral code point, so \p{Cs} (surrogate) matches only a lone one.
  if (/\p{Cs}/u.test(value)) throw new ValidationError(field, "must be valid Unicode");
  return value;
}

/**
 * An integer (a JS number, no fraction, no NaN) in [min, max].
 * Throws `ValidationError(field, "must be an integer from ${min} to ${max}")`.
 */
export function requireInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** The largest integer the vendors' int32 parameters (offsets, page numbers) and `setTimeout` hold. */
export const INT32_MAX = 2_147_483_647;

/** An optional integer in [min, max]: `undefined` stays `undefined`. */
export function optionalInteger(field: string, value: unknown, min: number, max: number): number | undefined {
  return value === undefined ? undefined : requireInteger(field, value, min, max);
}

/**
 * A decimal string of ASCII digits (no sign, no leading zeros) whose value is in [min, max]; a safe non-negative
 * integer number is accepted and converted. Returns the string (JD's `urlExpirationSecond` is a string on the wire).
 * Throws `ValidationError(field, "must be a string of digits from ${min} to ${max}")`.
 */
export function requireDigits(field: string, value: unknown, min: number, max: number): string {
  const text =
    typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  if (typeof text !== "string" || !/^(0|[1-9][0-9]{0,15})$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new ValidationError(field, `must be a string of digits from ${min} to ${max}`);
  }
  return text;
}

/** One of `allowed` (exact match). Throws `ValidationError(field, "must be one of a, b, c")`. */
export function requireOneOf<const T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(field, `must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

/**
 * Product tokens for a User-Agent, such as `my-app/1.0` or `my-app/1.0 (ops)`: visible ASCII separated by single
 * spaces (anything else would be rejected by fetch or could split the header).
 * Throws `ValidationError(field, "must be product tokens of visible ASCII characters, e.g. my-app/1.0")`.
 */
export function requireProductTokens(field: string, value: unknown): string {
  if (typeof value !== "string" || !/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(value)) {
    throw new ValidationError(field, "must be product tokens of visible ASCII characters, e.g. my-app/1.0");
  }
  return value;
}
