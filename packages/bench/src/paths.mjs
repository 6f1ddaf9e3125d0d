// Where things are in the workspace, from this package.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(dirname(BENCH_DIR));
export const RESULTS_DIR = join(BENCH_DIR, 'results');
export const bundledContract = (api) => join(ROOT, 'spec', api, 'dist', 'openapi.json');
