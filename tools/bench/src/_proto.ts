// Scratch prototype (not committed): our SDK-HMAC signer with three crypto back-ends, same canonicalisation.
import { createHash, createHmac } from "node:crypto";
import { canonicalQueryString, sdkCanonicalUri, formatSigningDate, signSdkHmacSha256 } from "@backup-links/core";
import { huaweiCredential, officialHuaweiSign } from "./official/huawei.js";
import { measureThroughput } from "./timing.js";
const enc = new TextEncoder();
const subtle = globalThis.crypto.subtle;
const host = "dds.eu-de.otc.t-systems.com";
const url = `https://${host}/v3/0bd5c1d4b3e94cb1a6c6f4b8a3f2e1d0/backups/download-file?instance_id=9136fd2a9fcd405ea4674276ce36dae8in02&backup_id=2f4ddb93b9014b0893d81d2e472f30febr01`;
const creds = { accessKey: "AK", secretKey: "SK-0123456789" };
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
function canonical(date: string) {
  const u = new URL(url);
  const lines = `content-type:application/json\nhost:${u.host}\nx-project-id:0bd5c1d4b3e94cb1a6c6f4b8a3f2e1d0\nx-sdk-date:${date}\n`;
  return ["GET", sdkCanonicalUri(u.pathname), canonicalQueryString(u.search), lines, "content-type;host;x-project-id;x-sdk-date", EMPTY].join("\n");
}
const hex = (b: ArrayBuffer) => Buffer.from(b).toString("hex");
let cachedKey: CryptoKey | undefined;
const variants: Record<string, () => unknown> = {
  "core as committed (WebCrypto, no caching)": () => signSdkHmacSha256({ method: "GET", url, headers: { "Content-Type": "application/json", "X-Project-Id": "0bd5c1d4b3e94cb1a6c6f4b8a3f2e1d0", "X-Sdk-Date": formatSigningDate(new Date()) } }, creds, ["content-type", "host", "x-project-id", "x-sdk-date"]),
  "WebCrypto + cached HMAC key + constant empty-body hash": async () => {
    const d = formatSigningDate(new Date());
    cachedKey ??= await subtle.importKey("raw", enc.encode(creds.secretKey), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const h = hex(await subtle.digest("SHA-256", enc.encode(canonical(d))));
    return hex(await subtle.sign("HMAC", cachedKey, enc.encode(`SDK-HMAC-SHA256\n${d}\n${h}`)));
  },
  "sync node:crypto (process.getBuiltinModule), same canonicalisation": () => {
    const d = formatSigningDate(new Date());
    const h = createHash("sha256").update(canonical(d)).digest("hex");
    return createHmac("sha256", creds.secretKey).update(`SDK-HMAC-SHA256\n${d}\n${h}`).digest("hex");
  },
  "canonicalisation only (no hashing)": () => canonical(formatSigningDate(new Date())),
};
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const fastEnc = (v: string) => (UNRESERVED.test(v) ? v : percentEncodeSlow(v));
function percentEncodeSlow(v: string) { return encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`); }
function fastCanonical(date: string) {
  const u = new URL(url);
  const path = u.pathname.split("/").map((seg) => (UNRESERVED.test(seg) ? seg : fastEnc(decodeURIComponent(seg)))).join("/");
  const pairs = u.search.slice(1).split("&").filter(Boolean).map((p) => { const i = p.indexOf("="); return [p.slice(0, i), p.slice(i + 1)] as [string, string]; });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const q = pairs.map(([k, v]) => `${UNRESERVED.test(k) ? k : fastEnc(decodeURIComponent(k))}=${UNRESERVED.test(v) ? v : fastEnc(decodeURIComponent(v.replace(/\+/g, " ")))}`).join("&");
  const lines = `content-type:application/json\nhost:${u.host}\nx-project-id:0bd5c1d4b3e94cb1a6c6f4b8a3f2e1d0\nx-sdk-date:${date}\n`;
  return ["GET", path.endsWith("/") ? path : `${path}/`, q, lines, "content-type;host;x-project-id;x-sdk-date", EMPTY].join("\n");
}
if (fastCanonical("20240102T030405Z") !== canonical("20240102T030405Z")) throw new Error("fast canonical differs");
variants["fast-path canonicalisation + sync node:crypto"] = () => {
  const d = formatSigningDate(new Date());
  const h = createHash("sha256").update(fastCanonical(d)).digest("hex");
  return createHmac("sha256", creds.secretKey).update(`SDK-HMAC-SHA256\n${d}\n${h}`).digest("hex");
};
const cred = huaweiCredential("AK", "SK-0123456789");
const officialReq = { endpoint: `https://${host}/v3/0bd5c1d4b3e94cb1a6c6f4b8a3f2e1d0/backups/download-file`, method: "GET", headers: { "Content-Type": "application/json", "X-Project-Id": "0bd5c1d4b3e94cb1a6c6f4b8a3f2e1d0" }, queryParams: { instance_id: "9136fd2a9fcd405ea4674276ce36dae8in02", backup_id: "2f4ddb93b9014b0893d81d2e472f30febr01" } };
variants["official AKSKSigner.sign"] = () => officialHuaweiSign(officialReq, cred);
const opts = { minTimeMs: 400, minIterations: 200, warmupIterations: 500 };
for (let round = 0; round < 5; round++) {
  const line: string[] = [];
  for (const [name, fn] of Object.entries(variants)) { const t = await measureThroughput(fn, opts); line.push(`${name}: wall ${Math.round(t.opsPerSec)} cpu ${Math.round(t.opsPerCpuSec)}`); }
  console.log(line.join("\n"), "\n");
}
