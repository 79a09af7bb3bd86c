import { main } from '../../src/cli/main.js';
import { ROOT, type Run } from './cli.js';

/**
 * Runs llo in this test process — the same `main` that bin/llo.js calls, without the cost of
 * starting Node (most of a spawned run). stdout and stderr are captured; the working folder is
 * set for the run and restored. For the CLI as a process (exit codes of bin/, signals, terminals,
 * worker threads) spawn it with `llo()` from ./cli.ts instead.
 */
export async function inProcess(args: readonly string[], cwd = ROOT): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  const before = process.cwd();
  const exitCode = process.exitCode;
  process.stdout.write = (chunk: string | Uint8Array) => (out.push(String(chunk)), true);
  process.stderr.write = (chunk: string | Uint8Array) => (err.push(String(chunk)), true);
  process.exitCode = undefined;
  process.env['NO_COLOR'] = '1';
  try {
    process.chdir(cwd);
    const code = await main(['node', 'llo', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(before);
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    process.exitCode = exitCode;
  }
}
