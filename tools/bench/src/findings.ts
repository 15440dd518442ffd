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
    "**Client overhead (causes: the signer first, then core's per-attempt transport work).** On loopback a raw",
    "`fetch` takes about 260 µs at low load, so 1.2× leaves ~50 µs per call for everything a client adds. The",
    "`variant` row (the same otc-rds client with an IAM token, no signature) separates the two parts: its distance",
    "from the AK/SK row is the Web Crypto signing described above (4 thread-pool jobs per call for Huawei/OTC, 12 for",
    "JD, whose row is therefore the worst); its distance from raw fetch is the rest. A CPU-profile diff of token client",
    "vs raw fetch (2026-11-22, load ≈0; µs per call, profiler-inflated) puts that rest in core's transport and the",
    "client kit: `new AbortController()` + `AbortSignal.any([userSignal, timeout.signal])` + the timer per attempt",
    "≈40 (29 µs in isolation, against 10 µs for `AbortSignal.timeout(ms)` alone), a second `Request` built with the",
    "signed headers ≈13 (undici `_Request`), openapi-fetch's request building ≈14, `parseLinkExpiredTime` ≈12, extra",
    "GC ≈12. Fix, in core's transport: no `AbortSignal.any` when the caller passed no signal (a single timeout signal),",
    "and hand `fetch` the URL and `RequestInit` instead of a rebuilt `Request`. Estimated from these parts, the",
    "signing fixes plus these two would leave roughly +100 µs (≈1.4×): ahead of both official SDKs' rows, still above",
    "1.2× of a loopback round trip; the remainder is openapi-fetch, response parsing and GC. Against a real endpoint",
    "(tens of ms per round trip) all of it is under 1% of a call. p50/p99 of every row vary ±30% between runs.",
  ].join("\n"),
  bundle: [
    "**Bundle size (core and openapi-fetch).** Since core's per-API profiles (3cd8b92) a client bundles only its own",
    "provider, and the seven clients measured 9.53–9.98 kB min+gzip on 2026-11-22: under the target by as little as",
    "24 bytes (huaweicloud-dds), so any addition tips it over. esbuild's metafile for `createHuaweiCloudDdsClient`",
    "(26.1 kB minified): openapi-fetch 6.6 kB; core's transport 3.7, errors 3.0, canonical 2.0, authenticator 1.0,",
    "client send 1.0, sdk-hmac 1.0, open-client 0.9, credentials 0.9, the Huawei profile 0.9, sdk-hmac-auth 0.8,",
    "endpoints 0.7, time 0.7, redact 0.7, settings 0.6. Room to gain: errors.js (message templates, the largest piece",
    "of core after the transport) and the transport's retry/Retry-After code, which could move behind an option.",
  ].join("\n"),
  "download-throughput": [
    "**Download throughput (cause: the CLI's default fsync; curl does not fsync).** Since a670e3f `downloadFile` and",
    "`backup-links download` flush the file to stable storage before renaming it into place (`--no-fsync` / `fsync: false`",
    "opts out), so by default the transfer runs at the disk's write speed (`dd ... conv=fdatasync` here: 240–320 MB/s",
    "while the machine was loaded; the `curl && sync FILE` row shows it for this run) while curl only fills the page",
    "cache (`dd` without fsync: ~1 GB/s). That row compares unlike things; the two",
    "like-for-like rows are `--no-fsync` vs curl and the default vs `curl && sync FILE`. The download path itself",
    "(raw socket reads into reusable 1 MiB blocks, `writev`) used about the same CPU as curl in GNU time runs",
    "(user+sys per GiB: ours 0.9–1.1 s, curl 1.1–1.2 s; strace per GiB: ours ~250 `writev` and ~2,000 socket reads,",
    "curl ~129,000 `write` of ~8 KiB and ~10,000 `recvfrom`). Whether the durable default is worth missing this row is",
    "the CLI's decision; its README should say so.",
  ].join("\n"),
};

export function findingsFor(targetId: string): string | undefined {
  return FINDINGS[targetId];
}
