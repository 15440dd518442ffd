/**
 * Why a target is missed: the result of profiling, written down next to the code that measures it. The report
 * prints a finding only when its target actually failed in that run, so a fixed cause drops out by itself.
 */

const FINDINGS: Record<string, string> = {};

export function findingsFor(targetId: string): string | undefined {
  return FINDINGS[targetId];
}
