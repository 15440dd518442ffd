/**
 * Why a target is missed: the result of profiling, written down next to the code that measures it. The report
 * prints a finding only when its target actually failed in that run, so a fixed cause drops out by itself.
 * The figures quoted were measured on the benchmark machine (2 shared cores) on 2026-11-22 with the scripts named.
 */

const FINDINGS: Record<string, string> = {
  signing: [
    "**Signing (cause in `packages/core/src/signers`).** Our signers hash with Web Crypto, which in Node 20 is",
    "asynchronous: every `crypto.subtle.digest`, `importKey` and `sign` is a job handed to the libuv thread pool and",
    "resolved through a Promise (Node's `jobPromise` leads the CPU profile of a client loop). A micro-benchmark put",
    "each at 22–30 µs against 1.4 µs (`createHash`) and 3.8 µs (`createHmac`) in `node:crypto`, and on a loaded",
    "machine each job also waits for a thread switch. SDK-HMAC-SHA256 makes 4 jobs per signature (body hash,",
    "canonical-request hash, HMAC key import, HMAC); JDCLOUD2 makes 12 (2 hashes, then 5 key imports and 5 HMACs",
    "because the derived key is recomputed every time). Both official SDKs hash synchronously with `node:crypto`",
    "(and jdcloud-sdk-js caches the derived key per day). Our canonicalisation alone (UTF-8 encode, decode and",
    "re-encode of every path segment and query value, byte by byte; `new URL`; a `Map` of headers; a `Set` and sort of",
    "the signed names per call) already costs about 70% of the whole official Huawei signer.",
    "Fix, in core: (1) hash synchronously where the runtime has `node:crypto` — `globalThis.process?.getBuiltinModule?.(\"node:crypto\")`",
    "(Node ≥ 20.16, Bun, Deno), keeping Web Crypto for browsers and workers; no static `node:` import, so the browser",
    "bundle is unchanged; (2) cache the HMAC `CryptoKey` per secret and the JD signing key per (secret, day, region,",
    "service), and use the constant hash of the empty body; (3) in `percentEncode`/`sdkCanonicalUri`/`canonicalQueryString`,",
    "return a string matching `/^[A-Za-z0-9._~-]*$/` unchanged (every id in these APIs does) before the byte loops.",
    "A prototype of (1)+(3) on the Huawei GET request, producing core's exact canonical request, ran at 1.4–1.8× the",
    "official signer per CPU-second over 3 rounds (the committed code: 0.1×; Web Crypto plus caching alone: 0.1–0.2×);",
    "the rest to 2× is the per-call `new URL`, header `Map` and signed-name `Set`/sort, which a client can compute once.",
  ].join("\n"),
  "client-overhead": [
    "**Client overhead (cause: the signer, see above).** The same `@backup-links/otc-rds` client configured with an",
    "IAM token (`X-Auth-Token`, no signature; the row marked `variant`) stays within the target, so everything the client",
    "adds besides signing — input checks, openapi-fetch, core's transport (a second `Request` with the signed headers,",
    "an `AbortController`, `AbortSignal.any` and a timer per attempt), parsing — is small. The whole excess is the",
    "Web Crypto signing above (4 thread-pool jobs per call for Huawei/OTC, 12 for JD, whose row is therefore the",
    "worst). The signing fixes remove it; nothing in the client packages needs to change.",
  ].join("\n"),
  bundle: [
    "**Bundle size (cause: `@backup-links/core` carries every provider).** esbuild's metafile for `createOtcRdsClient`",
    "(30.8 kB minified): openapi-fetch 6.6 kB; core 20.9 kB — transport 3.8, signing 3.2, errors 3.2, endpoints 2.2",
    "(region tables of all three clouds), canonical 2.1, credentials 1.7 (environment-variable tables of all three),",
    "jdcloud2 1.2, redact 1.1, sdk-hmac 1.0, time 0.8; the client kit 3.3 kB. Every client bundles BOTH signers and",
    "all providers' tables because `createAuthenticator` and `resolveEndpoint` pick by a runtime `provider` string.",
    "Replacing only the JD signer by a stub in the Huawei client's bundle saves 0.4 kB gzip of the ~1.2 kB needed.",
    "Fix, in core (with the client kit): per-provider entry points (e.g. `@backup-links/core/huawei` and",
    "`/jdcloud`) that import only their signer, region table and environment names, so a bundler drops the rest;",
    "shorter error-message templates in errors.js. The CLI is unaffected (it needs every provider anyway).",
  ].join("\n"),
  "download-throughput": [
    "**Download throughput (causes: the CLI flushes to disk, and Node spends more CPU per byte).** (1) The downloader",
    "opens the part file with `createWriteStream(..., { flush: true })` (packages/cli/src/download/download-file.ts),",
    "so the whole file is fsynced before it is renamed into place: the transfer then runs at the disk's write speed",
    "(`dd ... conv=fdatasync` here: 240–320 MB/s) while curl only fills the page cache (`dd` without fsync: ~1 GB/s).",
    "In one 4-round run at load ≈15 the committed downloader made 207 MB/s, a compiled copy without `flush: true`",
    "307 MB/s, curl 448–498 MB/s and `curl && sync FILE` 225 MB/s. (2) Without the fsync the rest depends on the load:",
    "3 back-to-back runs at load ≈11 finished faster than curl (1.7–2.2 s vs 2.6–4.8 s per GiB), the 4-round run above",
    "reached 0.62×. Node uses more CPU per GiB (user+sys 1.6 s vs curl's 1.2 s; a CPU profile puts ~40% of the busy",
    "time in the HTTP client's `socketOnData`/parser path), so it loses more when the cores are contended; its writes",
    "are already large (strace: ~1,000 `writev` of ~1 MiB per GiB, against curl's ~129,000 `write` of ~8 KiB).",
    "Against curl with the same durability (`curl … && sync FILE`, last rows of section 5) the CLI is on par or faster.",
    "Options for the CLI: make the fsync opt-in (`--fsync`; curl, wget and the AWS CLI do not fsync, and the",
    "rename already keeps a partial file from appearing under the final name), or keep it and accept that this",
    "target compares unlike things.",
  ].join("\n"),
};

export function findingsFor(targetId: string): string | undefined {
  return FINDINGS[targetId];
}
