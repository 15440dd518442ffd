// Packs every published package once for all test files (pnpm pack is the slow part).
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { packAll } from "../src/published.ts";

declare module "vitest" {
  export interface ProvidedContext {
    tarballs: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const { dir, tarballs } = await packAll();
  project.provide("tarballs", tarballs);
  return () => rmSync(dir, { recursive: true, force: true });
}
