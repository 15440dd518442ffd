import { listOperations, type OpenApiDocument, type Operation } from "./openapi.js";

/** What the index says about one API, all of it read from the bundled spec. */
export interface ApiFacts {
  title: string;
  version: string;
  summary: string;
  vendor: string;
  service: string;
  /** The vendor document(s) the spec was written from. */
  source: { text: string; url?: string };
  operations: Operation[];
  servers: string[];
}

// Trailing "(Vendor, Service)" of `info.summary`, e.g. "... (Open Telekom Cloud, RDS API v3)."
const SUMMARY_VENDOR_SERVICE = /\(([^(),]+),\s*([^()]+)\)\.?\s*$/;
// The paragraph of `info.description` that names the sources, e.g. "Source: the OTC RDS API reference, ...".
const SOURCE_PARAGRAPH = /^Sources?:\s*/i;

function stringExtension(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Reads the facts the index shows from a bundled spec. Each fact has one preferred place and one fallback:
 * - vendor / service: `info.x-vendor` / `info.x-service`, else the trailing "(Vendor, Service)" of `info.summary`;
 * - source document: `info.x-source-document` (text) with `externalDocs`, else the "Source:" paragraph of
 *   `info.description`, else `externalDocs.description`.
 * A fact found nowhere is an error naming the file and the fields, so the table never shows a silent blank.
 */
export function describeApi(doc: OpenApiDocument, file: string): ApiFacts {
  const info = doc.info;
  const summary = (info.summary ?? firstParagraph(info.description) ?? "").trim();
  const fromSummary = SUMMARY_VENDOR_SERVICE.exec(summary);
  const vendor = stringExtension(info["x-vendor"]) ?? fromSummary?.[1]?.trim();
  const service = stringExtension(info["x-service"]) ?? fromSummary?.[2]?.trim();
  if (!vendor || !service) {
    throw new Error(
      `${file}: info.x-vendor and info.x-service are missing, and info.summary does not end in "(Vendor, Service)"`,
    );
  }
  const sourceText =
    stringExtension(info["x-source-document"]) ??
    sourceParagraph(info.description) ??
    stringExtension(doc.externalDocs?.description);
  if (!sourceText) {
    throw new Error(
      `${file}: no source document: set info.x-source-document, a "Source:" paragraph in info.description, or externalDocs`,
    );
  }
  const operations = listOperations(doc);
  return {
    title: info.title,
    version: info.version,
    summary,
    vendor,
    service,
    source: { text: sourceText, ...(doc.externalDocs?.url ? { url: doc.externalDocs.url } : {}) },
    operations,
    servers: (doc.servers ?? []).map((server) => server.url),
  };
}

function paragraphs(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, " ").trim())
    .filter((paragraph) => paragraph !== "");
}

function firstParagraph(text: string | undefined): string | undefined {
  return paragraphs(text)[0];
}

function sourceParagraph(text: string | undefined): string | undefined {
  const paragraph = paragraphs(text).find((p) => SOURCE_PARAGRAPH.test(p));
  return paragraph?.replace(SOURCE_PARAGRAPH, "");
}
