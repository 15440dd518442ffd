import { promises as fs } from "node:fs";
import path from "node:path";

/** The suffix of the checksum file written beside every finished file. */
export const CHECKSUM_SUFFIX = ".sha256";

/**
 * Writes `<file>.sha256` in the format of `sha256sum` (`<hex>  <name>`), so `sha256sum -c x.qp.sha256` run in the
 * output directory checks the copy later. Names are safe names (no newline, no backslash), so no escaping is needed.
 */
export async function writeChecksumFile(finalPath: string, sha256: string): Promise<void> {
  const target = finalPath + CHECKSUM_SUFFIX;
  const temporary = `${target}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${sha256}  ${path.basename(finalPath)}\n`);
  await fs.rename(temporary, target);
}

/** The SHA-256 recorded beside a file by an earlier run, if its checksum file names that file. */
export async function readChecksumFile(finalPath: string): Promise<string | undefined> {
  try {
    const text = await fs.readFile(finalPath + CHECKSUM_SUFFIX, "utf8");
    const match = /^([0-9a-f]{64}) [ *](.+)\n?$/.exec(text);
    return match !== null && match[2] === path.basename(finalPath) ? match[1] : undefined;
  } catch {
    return undefined;
  }
}
