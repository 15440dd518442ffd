/** One request's share of a part: bytes `start`-`end` (inclusive) of the file, inside part `part` (0-based). */
export interface Piece {
  part: number;
  start: number;
  end: number;
}

export interface PieceQueueOptions {
  /** The parts still to fetch (0-based), in any order: they are handed out in file order. */
  parts: readonly number[];
  partBytes: number;
  totalBytes: number;
  connections: number;
  /** The smallest piece the endgame hands out (a part smaller than this is never split). */
  minPieceBytes: number;
}

/** Endgame pieces are rounded up to this, so that requests and writes stay page-aligned. */
const PIECE_ALIGN = 64 * 1024;

/**
 * Hands out the missing parts of a ranged download in file order: whole parts while more than one round of parts
 * per connection is left, then (the endgame) pieces of `partBytes / connections` (at least `minPieceBytes`).
 *
 * Why an endgame: parts fetched side by side finish together, and the file's SHA-256 can only be computed in file
 * order. With whole parts, the bytes of the last round beyond its first part (448 MiB at 8 × 64 MiB) were all still
 * to be read back and hashed when the last byte arrived: 0.73 s of waiting at the end of a 1 GiB file (measured at
 * 8 × 40 MB/s). Small pieces taken in order finish in order, so the hashed prefix stays right behind the download.
 * They also let a connection that finishes early take work that a slow one would otherwise hold up at the end. The
 * price is a few more requests (one round trip each), only in the last round.
 *
 * A part is reported complete once every piece of it is on disk; only complete parts are saved as done, so a piece
 * never needs its own entry in the state file.
 */
export class PieceQueue {
  private readonly parts: number[];
  private readonly pieceBytes: number;
  /** The part being handed out, and its next byte not yet handed out. */
  private current: { part: number; next: number } | undefined;
  /** Bytes of the missing parts not yet handed out. */
  private unassigned: number;
  /** Pieces handed out and not yet finished, per part. */
  private readonly open = new Map<number, number>();

  constructor(private readonly options: PieceQueueOptions) {
    this.parts = [...options.parts].sort((a, b) => a - b);
    this.unassigned = this.parts.reduce((sum, part) => sum + this.partEnd(part) + 1 - part * options.partBytes, 0);
    const share = Math.ceil(Math.ceil(options.partBytes / options.connections) / PIECE_ALIGN) * PIECE_ALIGN;
    this.pieceBytes = Math.min(options.partBytes, Math.max(options.minPieceBytes, share));
  }

  /** The next piece to fetch, or undefined when every byte has been handed out. */
  take(): Piece | undefined {
    if (this.current === undefined) {
      const part = this.parts.shift();
      if (part === undefined) return undefined;
      this.current = { part, next: part * this.options.partBytes };
    }
    const { part, next } = this.current;
    const partEnd = this.partEnd(part);
    const endgame = this.unassigned <= this.options.connections * this.options.partBytes;
    let end = endgame ? Math.min(partEnd, next + this.pieceBytes - 1) : partEnd;
    // A sliver smaller than a piece would cost a request of its own: it goes with this piece.
    if (partEnd - end < this.options.minPieceBytes) end = partEnd;
    this.unassigned -= end + 1 - next;
    this.open.set(part, (this.open.get(part) ?? 0) + 1);
    this.current = end === partEnd ? undefined : { part, next: end + 1 };
    return { part, start: next, end };
  }

  /** Marks a piece as on disk; true when that completed its part. */
  finished(piece: Piece): boolean {
    const open = (this.open.get(piece.part) ?? 0) - 1;
    if (open > 0) {
      this.open.set(piece.part, open);
      return false;
    }
    this.open.delete(piece.part);
    return this.current?.part !== piece.part;
  }

  private partEnd(part: number): number {
    return partEnd(part, this.options.partBytes, this.options.totalBytes);
  }
}

/**
 * How many connections a ranged download can keep busy: `options.connections`, or fewer when the missing bytes make
 * fewer pieces than that (a short file, or a resume with one small part left). At least 1.
 */
export function usefulConnections(options: PieceQueueOptions): number {
  const queue = new PieceQueue(options);
  let pieces = 0;
  while (pieces < options.connections && queue.take() !== undefined) pieces++;
  return Math.max(1, pieces);
}

/** The last byte (inclusive) of part `part` (0-based); the last part may be short. */
export function partEnd(part: number, partBytes: number, totalBytes: number): number {
  return Math.min(totalBytes, (part + 1) * partBytes) - 1;
}
