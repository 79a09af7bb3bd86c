import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/cli.js';

// Every test file cleans up the temp folders it made (test/helpers/cli.ts `tempDir`).
afterAll(removeTempDirs);
