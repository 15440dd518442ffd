/**
 * A file name as it may be shown on a terminal: names come from an API response, so control characters (escape
 * sequences could rewrite the screen) become U+FFFD.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");
}
