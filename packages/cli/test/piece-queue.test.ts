import { describe, expect, it } from "vitest";
import { PieceQueue, usefulConnections, type Piece } from "../src/download/piece-queue.js";

const KIB = 1024;
const MIB = 1024 * KIB;
const PART = 256 * KIB;
/** 5 parts of 256 KiB, the last one 12 345 bytes. */
const TOTAL = 4 * PART + 12_345;

function drain(queue: PieceQueue): Piece[] {
  const pieces: Piece[] = [];
  for (let piece = queue.take(); piece !== undefined; piece = queue.take()) pieces.push(piece);
  return pieces;
}

describe("piece queue (the ranged download's work list)", () => {
  it("hands out whole parts while more than a round is left, then pieces of partBytes / connections in file order", () => {
    // Endgame once at most 3 × 256 KiB is left; a piece is ceil(256 KiB / 3) rounded up to 64 KiB = 128 KiB.
    const queue = new PieceQueue({ parts: [0, 1, 2, 3, 4], partBytes: PART, totalBytes: TOTAL, connections: 3, minPieceBytes: 64 * KIB });
    expect(drain(queue)).toEqual([
      { part: 0, start: 0, end: 262_143 },
      { part: 1, start: 262_144, end: 524_287 },
      { part: 2, start: 524_288, end: 655_359 },
      { part: 2, start: 655_360, end: 786_431 },
      { part: 3, start: 786_432, end: 917_503 },
      { part: 3, start: 917_504, end: 1_048_575 },
      { part: 4, start: 1_048_576, end: 1_060_920 },
    ]);
    expect(queue.take()).toBeUndefined();
  });

  it("keeps pieces at least minPieceBytes long, leaves no sliver behind, and never splits a part no longer than that", () => {
    // 10 MiB parts, 4 connections: a quarter is 2.5 MiB, below the 4 MiB floor; after 4 + 4 MiB only 2 MiB would be left.
    const queue = new PieceQueue({ parts: [0], partBytes: 10 * MIB, totalBytes: 10 * MIB, connections: 4, minPieceBytes: 4 * MIB });
    expect(drain(queue)).toEqual([
      { part: 0, start: 0, end: 4 * MIB - 1 },
      { part: 0, start: 4 * MIB, end: 10 * MIB - 1 },
    ]);
    // A part no larger than the floor is never split.
    expect(drain(new PieceQueue({ parts: [0, 1], partBytes: PART, totalBytes: 2 * PART, connections: 8, minPieceBytes: 4 * MIB }))).toEqual([
      { part: 0, start: 0, end: PART - 1 },
      { part: 1, start: PART, end: 2 * PART - 1 },
    ]);
  });

  it("takes the missing parts of a resumed download in file order, whatever order they were given in", () => {
    const queue = new PieceQueue({ parts: [4, 1], partBytes: PART, totalBytes: TOTAL, connections: 1, minPieceBytes: PART });
    expect(drain(queue)).toEqual([
      { part: 1, start: 262_144, end: 524_287 },
      { part: 4, start: 1_048_576, end: 1_060_920 },
    ]);
  });

  it("reports a part complete only when its last piece is on disk and no piece of it is left to hand out", () => {
    const queue = new PieceQueue({ parts: [2, 3], partBytes: PART, totalBytes: TOTAL, connections: 2, minPieceBytes: 64 * KIB });
    const first = queue.take()!;
    expect(first).toEqual({ part: 2, start: 524_288, end: 655_359 });
    // Finished while the rest of part 2 has not been handed out yet: not complete.
    expect(queue.finished(first)).toBe(false);
    const second = queue.take()!;
    const third = queue.take()!;
    const fourth = queue.take()!;
    expect([second, third, fourth]).toEqual([
      { part: 2, start: 655_360, end: 786_431 },
      { part: 3, start: 786_432, end: 917_503 },
      { part: 3, start: 917_504, end: 1_048_575 },
    ]);
    expect(queue.finished(second)).toBe(true);
    // Pieces of one part finishing out of order: the part completes with the last of them.
    expect(queue.finished(fourth)).toBe(false);
    expect(queue.finished(third)).toBe(true);
  });

  it("counts the connections the missing bytes can keep busy", () => {
    const base = { partBytes: PART, totalBytes: TOTAL, minPieceBytes: 64 * KIB };
    expect(usefulConnections({ ...base, parts: [0, 1, 2, 3, 4], connections: 3 })).toBe(3);
    expect(usefulConnections({ ...base, parts: [0, 1, 2, 3, 4], connections: 16 })).toBe(16);
    // Two parts left: four 64 KiB pieces of part 4 and the short part 5.
    expect(usefulConnections({ ...base, parts: [3, 4], connections: 16 })).toBe(5);
    // Only the 12 345-byte last part is missing: one piece.
    expect(usefulConnections({ ...base, parts: [4], connections: 8 })).toBe(1);
    expect(usefulConnections({ ...base, parts: [], connections: 8 })).toBe(1);
    expect(usefulConnections({ parts: [0], partBytes: 1024 * KIB, totalBytes: 300 * KIB, connections: 4, minPieceBytes: 64 * KIB })).toBe(1);
  });
});
