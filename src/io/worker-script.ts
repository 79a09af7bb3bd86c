import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module of llo, named by its compiled `.js` URL. When llo runs from
 * its TypeScript sources (the tests), the `.js` file does not exist: the worker then loads the
 * `.ts` module through tsx, the development loader, so the sources under test are what runs.
 */
export function startWorker(script: URL, options: WorkerOptions = {}): Worker {
  if (script.protocol === 'file:' && !existsSync(fileURLToPath(script))) {
    const source = new URL(script.href.replace(/\.js$/u, '.ts'));
    if (existsSync(fileURLToPath(source))) {
      const bootstrap = `import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(source.href)});`;
      return new Worker(bootstrap, { ...options, eval: true });
    }
  }
  return new Worker(script, options);
}
