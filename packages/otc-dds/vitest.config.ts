import { packageTestConfig } from "../../vitest.shared.ts";
// typecheck: the *.test-d.ts files are type tests (expectTypeOf), checked by tsc and counted with the others.
export default packageTestConfig({ typecheck: { enabled: true, tsconfig: "./tsconfig.json", include: ["test/**/*.test-d.ts"] } });
