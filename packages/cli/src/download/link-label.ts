/**
 * The part of a pre-signed link that is safe to show and to store: scheme, host, port and path. The query string
 * (the signature, the access key id, the expiry) and any user-info are dropped.
 */
export function linkLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "<invalid URL>";
  }
}
