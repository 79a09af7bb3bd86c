#!/usr/bin/env node
// Entry point of the llo command. The compiled program lives in dist/ (built by `npm ci`
// through the prepare script, or by `npm run build`).
import { main } from '../dist/cli/main.js';

// `llo ingest --json | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
process.exitCode = await main(process.argv);
