import { describe, expect, it } from "vitest";
import { sampleLatenciesInterleaved } from "../src/timing.js";

describe("sampleLatenciesInterleaved", () => {
  it("warms up each function, then calls one of each per turn in an order rotated every turn", async () => {
    const log: string[] = [];
    const fn = (name: string) => async () => {
      log.push(name);
    };
    const samples = await sampleLatenciesInterleaved([fn("a"), fn("b"), fn("c")], { warmupCalls: 2, calls: 4 });
    expect(log).toEqual(["a", "a", "b", "b", "c", "c", "a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"]);
    expect(samples.map((s) => s.length)).toEqual([4, 4, 4]);
    for (const s of samples) for (const us of s) expect(us).toBeGreaterThan(0);
  });

  it("gives each function its own latencies", async () => {
    const immediate = async () => undefined;
    const sleep20 = () => new Promise((resolve) => setTimeout(resolve, 20));
    const [fast, slow] = await sampleLatenciesInterleaved([immediate, sleep20], { warmupCalls: 0, calls: 3 });
    for (const us of slow!) expect(us).toBeGreaterThanOrEqual(19_000);
    expect(Math.max(...fast!)).toBeLessThan(Math.min(...slow!));
  });
});
