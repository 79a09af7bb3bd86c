import { parentPort, workerData } from 'node:worker_threads';
import { previousDigests } from './changes.js';

// Reads the digests of the previous segments file on a second thread while ingest works (changes.ts).
const { file } = workerData as { file: string };
previousDigests(file).then(
  (digests) => parentPort!.postMessage({ digests: digests ? [...digests] : undefined }),
  (err: unknown) => parentPort!.postMessage({ error: (err as Error)?.message ?? String(err) }),
);
