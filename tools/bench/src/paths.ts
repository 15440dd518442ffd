/** Where things are, from this file's location (so the benchmark runs the same from any working directory). */
import { fileURLToPath } from "node:url";

/** tools/bench */
export const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));
/** the repository root */
export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const BENCHMARKS_MD = fileURLToPath(new URL("../../../BENCHMARKS.md", import.meta.url));

/** The seven client packages and their factories (names fixed in the project's names list). */
export const CLIENTS = [
  { id: "otc-rds", factory: "createOtcRdsClient" },
  { id: "huaweicloud-rds", factory: "createHuaweiCloudRdsClient" },
  { id: "otc-dds", factory: "createOtcDdsClient" },
  { id: "huaweicloud-dds", factory: "createHuaweiCloudDdsClient" },
  { id: "huaweicloud-dcs", factory: "createHuaweiCloudDcsClient" },
  { id: "otc-dcs", factory: "createOtcDcsClient" },
  { id: "jdcloud-rds", factory: "createJdCloudRdsClient" },
] as const;
