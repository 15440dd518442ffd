/** How openapi-typescript writes a JSON body, and the 200 body of an operation of a generated `paths`. */
export type JsonBody<T> = { content: { "application/json": T } };

export type SuccessBody<P, Path extends keyof P, M extends keyof P[Path]> = P[Path][M] extends {
  responses: { 200: JsonBody<infer B> };
}
  ? B
  : never;

/** The 200 body of `GET Path` in a generated `paths` (`never` when `P` has no such operation). */
export type GetBody<P, Path extends string> = P extends { [K in Path]: { get: { responses: { 200: JsonBody<infer B> } } } } ? B : never;
