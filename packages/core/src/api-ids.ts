/**
 * The ids of the APIs backup-links covers, one per client package (`@backup-links/<id>`), in the order the CLI
 * lists them and the mock starts them (and assigns ports). The single definition: the CLI and the mock import it.
 * `API_PROFILES` lists the same APIs in the same order (`${provider}-${service}`), a core test holds them together;
 * the ids are a separate module so that a client bundle, which imports neither, stays as it is.
 */
export const API_IDS = [
  "otc-rds",
  "huaweicloud-rds",
  "otc-dds",
  "huaweicloud-dds",
  "huaweicloud-dcs",
  "otc-dcs",
  "jdcloud-rds",
] as const;

/** One of `API_IDS`. */
export type ApiId = (typeof API_IDS)[number];

/** Whether `value` is one of `API_IDS` (exact, case-sensitive). */
export function isApiId(value: string): value is ApiId {
  return (API_IDS as readonly string[]).includes(value);
}
