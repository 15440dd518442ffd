import { ValidationError } from "../errors.js";

/** An INI file's sections: `[name]` then `key = value` (or `key: value`) lines; `#` and `;` start comment lines. */
export type IniSections = Map<string, Map<string, string>>;

/**
 * Parses the INI files the vendors' tools write (Python's configparser, Go's gopkg.in/ini): section names and keys
 * as written (keys lower-cased, as both libraries do), values trimmed. A line that is none of these is an error
 * naming the file and the line number, never the line itself (it may hold a secret).
 */
export function parseIni(text: string, file: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section !== null) {
      const name = section[1]!.trim();
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      return;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (pair === null || current === undefined) {
      throw new ValidationError(`${file}:${index + 1}`, "must be a [section] or a key = value line inside a section");
    }
    current.set(pair[1]!.toLowerCase(), pair[2]!.trim());
  });
  return sections;
}
