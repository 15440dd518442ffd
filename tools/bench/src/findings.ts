/**
 * Why a target is missed: the result of profiling, written down next to the code that measures it. The report
 * prints a finding only when its target actually failed in that run, so a fixed cause drops out by itself.
 * The figures quoted were measured on the benchmark machine (2 shared cores) on the dates given, with the scripts named.
 */

const FINDINGS: Record<string, string> = {
  signing: [
    "**Signing (`packages/core/src/signers`).** Since 04f1349 both signers hash synchronously through `node:crypto`",
    "(found with `process.getBuiltinModule`; Web Crypto, a thread-pool job per digest in Node, stays for browsers), JD's",
    "signing key is derived once per (secret, day, region, service), and ids of unreserved characters skip the byte-wise",
    "canonicalisation; since 56ed2ea and 8caf4b9 a plain URL string is read without `new URL`, an unreserved query is",
    "insertion-sorted, the inner HMAC digest is taken as a string, not a Buffer, and the canonical request is concatenated.",
    "Before all this: 0.10–0.17× the official signers. Runs of 2026-12-01 after 8caf4b9: SDK-HMAC-SHA256 GET 2.01–2.24×,",
    "POST 2.34–2.80×, JDCLOUD2 4.9–5.8×. The Huawei GET row is the closest: the official signer is cheapest there (no",
    "body hash; ~12.7 µs per call on a quiet machine, ~75,000–79,000 ops/s) and both rates move with machine load, so a",
    "busy run can put it under 2×. One of our GET signatures (`node --cpu-prof`, a loop of `signSdkHmacSha256`, ~5.8–6.3",
    "µs per call): the three SHA-256 passes (node:crypto's fixed cost per call) ≈28%, the async function and string",
    "building ≈17%, the header `Map` ≈7%, the query sort ≈6%, the fast-path regular expressions ≈6%, GC ≈6%.",
  ].join("\n"),
  "client-overhead": [
    "**Client overhead (our request pipeline around openapi-fetch, not openapi-fetch).** On loopback a raw `fetch` takes",
    "250–350 µs, so 1.2× leaves ~50–70 µs per call for everything a client adds. Since 2026-12-01 the rows are sampled",
    "interleaved, call by call, and the `openapi-fetch alone` row shows the typed-client layer itself costs ~11 µs",
    "(1.04×). The rest is ours: in that run the IAM-token client (no signature) added ~67 µs and the AK/SK client ~115",
    "µs. A CPU profile of 20,000 token-client calls against an in-process `fetch` (`node --cpu-prof`, 2026-12-01, ~75",
    "µs per call against ~30 µs for openapi-fetch alone) puts our part in the transport's copy of the `Request` with the",
    "signed headers and the attempt's abort signal (≈15% of the call: undici builds an AbortController and a signal",
    "follower for every `Request` with a signal), mapping the body (`expiresAt`, `sizeBytes`: ≈7%), the extra `Headers`",
    "copies of the authenticator and the per-attempt timer and listener; signing adds ~30 µs more in the AK/SK client",
    "(~6 µs of it the signature itself, the rest `Headers` work). The AK/SK budget, measured interleaved on loopback",
    "the same day: raw `fetch` plus the four headers a signed call sends took +8 µs (1.04×), and raw `fetch` plus",
    "signing those headers with `signSdkHmacSha256` +34 µs (1.15×), so with openapi-fetch's ~10 µs about 15 µs of",
    "1.2× would be left for validation, retries, timeouts, error mapping and `expiresAt`/`sizeBytes`. Handing `fetch`",
    "the original `Request` plus an init instead of the transport's copy (tried: a different contract for custom",
    "`fetch` functions) gained 10–17 µs, 1.39× → 1.34×, and was not kept. Both official SDKs are slower here (rows",
    "above); against a real endpoint, tens of ms per round trip, all of this is under 1% of a call.",
  ].join("\n"),
  bundle: [
    "**Bundle size (core and openapi-fetch).** A client bundles only its own provider's profile and, through core's",
    "`imports` map (\"browser\" condition), the Web Crypto digests without the Node fast paths. The seven clients",
    "measure 9.52–9.98 kB min+gzip on 2026-12-01 (huaweicloud-dds closest to the line). esbuild's metafile for",
    "`createHuaweiCloudDdsClient` (2026-11-22): openapi-fetch 6.6 kB minified; core's transport 3.6, errors 3.1,",
    "canonical 1.4, sdk-hmac 1.0, authenticator 1.0, open-client 0.9, send 0.9, credentials 0.9, Web Crypto digests 0.6.",
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
    "the CLI's decision; its README should say so. This machine's disk (ext4 mounted with `discard`, a VM block device)",
    "moves every row a lot: single runs of one tool ranged 230–1,903 MB/s on 2026-12-01, ours more than curl's. What a",
    "run leaves behind lands on the next one (a deleted copy that reached the disk is freed, slowly, while the next run",
    "writes), so the suite now deletes each copy right after its run, commits that with an untimed `sync`, and runs the",
    "tools in a balanced order (a Williams square: each tool follows each other equally often) instead of a rotation,",
    "in which the default CLI run always followed `curl && sync`. Over nine runs of the suite that day, through these",
    "changes, the like-for-like rows still read 0.79–1.37× (`--no-fsync` ÷ curl) and 0.79–1.32× (default ÷",
    "`curl && sync`); by hand, with a `sync` between runs, the default CLI run took 0.96–1.34 s per GiB and",
    "`curl && sync FILE` 1.6–2.1 s. With the balanced order the `--no-fsync` row reads lowest: by hand, `--no-fsync`",
    "runs took 519–629 MB/s in five of six tries and 1,271 MB/s in one, the default (fsync) runs 905–1,064 MB/s in",
    "between. `strace -c` of three runs: 315–440 `writev` calls of up to 1 MiB spent 1.66 s and 0.37 s (`--no-fsync`)",
    "and 0.59 s (default) in the kernel: writing into the page cache itself ran at very different speeds on this VM (a",
    "Firecracker guest). `dd bs=1M` into the page cache ran at 492 MB/s once and 1.7–5.3 GB/s five times, so the page",
    "cache is rarely the limit; CPU placement is. The server runs on the same 2 vCPUs, and the CLI uses two threads",
    "(socket reads on the main thread, file writes on libuv's pool) where curl uses one: with the server on core 0,",
    "the CLI's `--no-fsync` runs took 1,562–1,959 MB/s or 714–773 MB/s (bimodal, by scheduling), pinned to core 1",
    "429–788 MB/s, and curl pinned to core 1 832–995 MB/s (2026-12-01, 4 tries each). Against a remote object store the",
    "server's CPU is not ours to share; a single-threaded writer (blocking the event loop that draws progress and",
    "handles Ctrl-C) was not tried.",
  ].join("\n"),
};

export function findingsFor(targetId: string): string | undefined {
  return FINDINGS[targetId];
}
