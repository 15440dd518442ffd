import { packageTestConfig } from "../vitest.shared.ts";

// One browser serves all pages in sequence; a page of Redoc takes a few seconds to render on 2 shared cores.
export default packageTestConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
