/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { contentSecurityPolicyPlugin, securityHeaders } from './config/contentSecurityPolicy';
import { pwa } from './config/pwa';

// Several checkouts on one machine can build and preview side by side (REWIND_OUT_DIR, REWIND_PORT).
const outDir = process.env.REWIND_OUT_DIR ?? 'dist';
const port = Number(process.env.REWIND_PORT ?? 4173);

export default defineConfig({
  plugins: [react(), pwa(), contentSecurityPolicyPlugin()],
  resolve: {
    // Dexie's package entry wraps its ES5 UMD build; its modern ES module is the same library,
    // 1.4 KB smaller gzipped, and every browser Rewind supports runs it.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  define: {
    // REWIND_VERSION lets the update test build the same code as two different versions.
    __APP_VERSION__: JSON.stringify(process.env.REWIND_VERSION ?? pkg.version),
  },
  build: {
    target: 'es2022',
    outDir,
    sourcemap: true,
    // Every browser Rewind supports preloads modules natively; the polyfill only cost bytes at start.
    modulePreload: { polyfill: false },
  },
  preview: {
    port,
    strictPort: true,
    headers: securityHeaders,
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.tsx', 'tests/server/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
