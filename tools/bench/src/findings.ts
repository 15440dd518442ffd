/**
 * Why a target is missed: the result of profiling, written down next to the code that measures it. The report
 * prints a finding only when its target actually failed in that run, so a fixed cause drops out by itself.
 * The figures quoted were measured on the benchmark machine (2 shared cores) on 2026-11-22 with the scripts named.
 */

const FINDINGS: Record<string, string> = {
  signing: [
    "**Signing (`packages/core/src/signers`).** Since 04f1349 both signers hash synchronously through `node:crypto`",
    "(found with `process.getBuiltinModule`; Web Crypto, a thread-pool job per digest in Node, stays for browsers), JD's",
    "signing key is derived once per (secret, day, region, service), and ids of unreserved characters skip the byte-wise",
    "canonicalisation. Before: 0.10–0.17× the official signers; in the runs of 2026-11-22 after it: SDK-HMAC-SHA256 GET",
    "1.87–2.08×, POST 1.80–3.71×, JDCLOUD2 4.6–6.3×. The Huawei rows sit at about 2× and cross it with machine load:",
    "in the run that measured 1.87×/1.80× both signers ran at about half the rate of a quiet run (ours 49,117 vs",
    "89,767 ops/s), with rounds ranging 40,540–68,523, so on a busy machine those rows",
    "can fall just under 2×. What one of our GET signatures still costs (`node --cpu-prof`, a loop of",
    "`signSdkHmacSha256`, ~10.5 µs per call): the three SHA-256 passes (canonical request, HMAC inner and outer) ≈30%,",
    "`new URL` ≈7%, the header `Map` ≈6%, the rest string building and GC.",
  ].join("\n"),
  "client-overhead": [
    "**Client overhead (openapi-fetch and undici's `Request` objects, not signing).** On loopback a raw `fetch` takes",
    "about 260 µs, so 1.2× leaves ~50 µs per call for everything a client adds. Since 04f1349 signing is a small part:",
    "the transport's `authenticate()` measures 14–18 µs per call in a loop (SDK-HMAC and JDCLOUD2 alike). The `variant`",
    "row (the same client with an IAM token, no signature) has sat 30–150 µs below the AK/SK row in different runs, more than that, because",
    "every row moves with the machine: back-to-back runs of the same raw `fetch` loop took 330–440 µs per call (CPU-bound,",
    "CPU time ≈ wall time). The rest of the call: a CPU profile of 10,000 token-client calls (2026-11-22,",
    "`node --cpu-prof`) puts it in openapi-fetch's `coreFetch` (≈11% of all samples: URL and query serialisation,",
    "middleware, building its `Request`, reading the body), undici's `Request` constructor (≈10%: openapi-fetch's, the",
    "transport's copy with the signed headers and the attempt's signal, and the copy undici's `fetch` makes of it) and",
    "garbage collection (≈9%). Getting under 1.2× would mean dropping openapi-fetch (the project's typed-client layer) or",
    "re-sending its `Request` without a copy, which a retry with a body cannot do. Both official SDKs are slower or",
    "equal here (rows above); against a real endpoint, tens of ms per round trip, all of it is under 1% of a call.",
    "p50/p99 of every row vary ±30% between runs.",
  ].join("\n"),
  bundle: [
    "**Bundle size (core and openapi-fetch).** A client bundles only its own provider's profile and, through core's",
    "`imports` map (\"browser\" condition), the Web Crypto digests without the Node fast paths. The seven clients",
    "measure 9.54–9.99 kB min+gzip (huaweicloud-dds closest to the line). esbuild's metafile for",
    "`createHuaweiCloudDdsClient`: openapi-fetch 6.6 kB minified; core's transport 3.6, errors 3.1, canonical 1.4,",
    "sdk-hmac 1.0, authenticator 1.0, open-client 0.9, send 0.9, credentials 0.9, Web Crypto digests 0.6.",
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
