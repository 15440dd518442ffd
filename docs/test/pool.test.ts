import { describe, expect, it } from "vitest";
import { mapBounded } from "../src/pool.js";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("mapBounded", () => {
  it("never runs more than `limit` tasks at once and keeps the input order", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapBounded([30, 5, 20, 1, 10, 2, 15], 2, async (ms, index) => {
      running++;
      peak = Math.max(peak, running);
      await tick(ms);
      running--;
      return `${index}:${ms}`;
    });
    expect(peak).toBe(2);
    expect(results).toEqual(["0:30", "1:5", "2:20", "3:1", "4:10", "5:2", "6:15"]);
  });

  it("throws the first failure after the started tasks settle, and starts no new ones", async () => {
    const started: number[] = [];
    let settled = 0;
    const run = mapBounded([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await tick(n === 1 ? 5 : 20);
      settled++;
      if (n === 1) throw new Error("task 1 failed");
      return n;
    });
    await expect(run).rejects.toThrow("task 1 failed");
    expect(started).toEqual([1, 2]);
    expect(settled).toBe(2);
  });

  it("rejects a limit below 1", async () => {
    await expect(mapBounded([1], 0, async (n) => n)).rejects.toThrow("limit: must be an integer >= 1, got 0");
  });
});
