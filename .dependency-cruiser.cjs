/* global module */
/**
 * The arrows of the architecture, checked by `npm run depcheck` in `npm test`:
 * the kernel knows nothing of the app, the domain knows only the kernel, and the timeline and
 * importing code stay free of React. Type-only imports count too.
 */
const app = '^src/(domain|state|ui|timeline|importing|pwa|workers)/';
// Dependencies are matched by their resolved path.
const react = '(^|/)node_modules/(react|react-dom|@tanstack/react-[^/]+)/';
const npm = ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'npm-unknown'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'kernel-imports-no-app',
      comment: 'src/es is the framework-free kernel: no shop domain, state, UI or other app folder.',
      severity: 'error',
      from: { path: '^src/es/' },
      to: { path: app },
    },
    {
      name: 'kernel-imports-no-ui-libraries',
      comment: 'src/es must not depend on React or Zustand.',
      severity: 'error',
      from: { path: '^src/es/' },
      to: { dependencyTypes: npm, path: `${react}|(^|/)node_modules/zustand/` },
    },
    {
      name: 'domain-imports-only-kernel',
      comment: 'src/domain is pure: it may use the kernel, but no state, UI, timeline, importing, PWA or worker code.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(state|ui|timeline|importing|pwa|workers)/' },
    },
    {
      name: 'domain-imports-only-zod-and-immutable',
      comment: 'src/domain may use zod and immutable, nothing else from npm (no React, Dexie, Zustand).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: npm, pathNot: '(^|/)node_modules/(zod|immutable)/' },
    },
    {
      name: 'timeline-and-importing-without-react',
      comment: 'src/timeline and src/importing run in workers and tests: no React and no UI code.',
      severity: 'error',
      from: { path: '^src/(timeline|importing)/' },
      to: { path: `${react}|^src/ui/` },
    },
    {
      name: 'kernel-through-its-public-face',
      comment: 'Other folders import the kernel through src/es/index.ts, so its inner files can change freely.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/es/' },
      to: { path: '^src/es/', pathNot: '^src/es/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
