import { BackupLinksError } from "../errors.js";

/**
 * A list whose pages never end: the server served a page it had served before (JD Cloud repeats its last page
 * for any page number past the end; a broken proxy may ignore the offset), or more than `MAX_PAGES` pages came.
 * Thrown by `listAllBackups` instead of looping forever.
 */
export class PagingError extends BackupLinksError {
  constructor(api: string, pages: number, reason: string) {
    super(`${api}: stopped listing after ${pages} pages: ${reason}`);
  }
}

/** No list of backups needs more pages than this (100,000 backups at 100 a page). */
export const MAX_PAGES = 1000;

/**
 * Every page from `start` (an item offset, or JD's 1-based page number): `fetch` gets the page at a position,
 * `items` lists its items (their JSON is the page's fingerprint), `next` gives the next position or `undefined` after
 * the last page. Stops with a PagingError when a non-empty page repeats one already seen (the same items in the same
 * order) or after `maxPages` pages, so a server that never ends cannot hang the caller.
 */
export async function* walkPages<Page>(
  api: string,
  start: number,
  fetch: (position: number) => Promise<Page>,
  items: (page: Page) => readonly unknown[],
  next: (page: Page, position: number) => number | undefined,
  maxPages = MAX_PAGES,
): AsyncGenerator<Page, void> {
  const seen: string[] = [];
  let position: number | undefined = start;
  let pages = 0;
  while (position !== undefined) {
    if (pages >= maxPages) throw new PagingError(api, pages, "the list did not end");
    const page = await fetch(position);
    pages++;
    const listed = items(page);
    const fingerprint = JSON.stringify(listed);
    if (listed.length > 0 && seen.includes(fingerprint)) throw new PagingError(api, pages, `page ${pages} repeats an earlier page`);
    seen.push(fingerprint);
    yield page;
    position = next(page, position);
  }
}
