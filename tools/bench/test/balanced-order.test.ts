import { describe, expect, it } from "vitest";
import { balancedOrder } from "../src/suites/download.js";

/** How often each ordered pair (a ran right before b) occurs over `rounds` rounds. */
function successions(n: number, rounds: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    const order = balancedOrder(n, round);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let i = 1; i < n; i++) counts.set(`${order[i - 1]}>${order[i]}`, (counts.get(`${order[i - 1]}>${order[i]}`) ?? 0) + 1);
  }
  return counts;
}

describe("balancedOrder", () => {
  it("gives the four download tools a Williams square: every tool follows every other exactly once in 4 rounds", () => {
    expect([0, 1, 2, 3].map((round) => balancedOrder(4, round))).toEqual([
      [0, 3, 1, 2],
      [1, 0, 2, 3],
      [2, 1, 3, 0],
      [3, 2, 0, 1],
    ]);
    const counts = successions(4, 4);
    expect(counts.size).toBe(12);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect([...successions(4, 8).values()].every((c) => c === 2)).toBe(true);
  });

  it("balances an odd number of tools over twice as many rounds", () => {
    const counts = successions(5, 10);
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((c) => c === 2)).toBe(true);
    for (let round = 0; round < 10; round++) expect(balancedOrder(5, round)).toHaveLength(5);
  });
});
