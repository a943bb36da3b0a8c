// `npm run bench`: a production build in its own directory, then the benchmarks against it.
// REWIND_OUT_DIR / REWIND_PORT choose where (defaults: dist-bench, 4177); BENCH_* choose what.
import { spawnSync } from 'node:child_process';
import process from 'node:process';

const env = { ...process.env, REWIND_OUT_DIR: process.env.REWIND_OUT_DIR ?? 'dist-bench', REWIND_PORT: process.env.REWIND_PORT ?? '4177' };
const run = (args) => spawnSync('npx', args, { stdio: 'inherit', env }).status ?? 1;

const built = run(['vite', 'build']);
process.exit(built === 0 ? run(['playwright', 'test', '-c', 'tests/bench/playwright.bench.config.ts', ...process.argv.slice(2)]) : built);
