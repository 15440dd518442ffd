/**
 * The browser build of fast-paths.ts (swapped in by the package's `browser` field): no shortcut is ever taken, so
 * the general code runs and gives the same results in fewer bundled bytes.
 */
const notTaken = (..._args: unknown[]): undefined => undefined;

/** No cache: every JD signature derives its signing key (four Web Crypto HMACs). */
export const cachedSigningKey = (_id: string, derive: () => Promise<Uint8Array>): Promise<Uint8Array> => derive();

export {
  notTaken as canonicalUnreservedQuery,
  notTaken as formatSigningDateFast,
  notTaken as alreadyNormalisedHeaderNames,
  notTaken as unreservedPath,
  notTaken as plainUrlParts,
};
