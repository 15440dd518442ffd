#!/usr/bin/env node
// The `backup-links` command. A committed stub rather than `dist/bin.js` itself, so that `pnpm install` can link
// the command in a fresh clone before the first build (it warned "Failed to create bin ... ENOENT" otherwise).
import "../dist/bin.js";
