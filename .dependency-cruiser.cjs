/* global module */
/**
 * The arrows of the architecture, checked by `npm run depcheck` in `npm test`:
 * the kernel knows nothing of the app, the domain knows only the kernel, the timeline and
 * importing code stay free of React, the UI reaches the kernel only for types and never a worker,
 * and every folder is used through its index.ts. Type-only imports count too, unless a rule says.
 */
const app = '^src/(domain|state|ui|timeline|importing|pwa|workers|demo|shopLog|sync)/';
/** Folders with a public face (index.ts); src/ui is the app itself and has none. */
const folders = 'es|domain|timeline|importing|state|pwa|workers|demo|shopLog|sync';
/** Faces loaded on first use (import()), beside a folder's index.ts. */
const onDemand = '^src/(timeline|workers|state/timeMachine)/onDemand\\.ts$';
// Dependencies are matched by their resolved path.
const react = '(^|/)node_modules/(react|react-dom|@tanstack/react-[^/]+)/';
const npm = ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'npm-unknown'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'app-never-imports-the-server',
      comment: 'src/server is the Node sync server: the app bundle (every other folder) must not import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/' },
      to: { path: '^src/server/' },
    },
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
      name: 'ui-imports-no-kernel',
      comment:
        "src/ui sends commands through the state layer's gateway and asks its history API: it uses the kernel's types, never the kernel itself.",
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/es/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ui-imports-no-sync',
      comment: 'src/ui reaches sync through the state layer (ShopServices.sync), never src/sync itself.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/sync/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'sync-imports-only-kernel',
      comment: 'src/sync speaks to the server and the log: it knows the kernel, not the shop, the state layer or the UI.',
      severity: 'error',
      from: { path: '^src/sync/' },
      to: { path: '^src/(domain|state|ui|timeline|importing|pwa|workers|demo|shopLog)/' },
    },
    {
      name: 'ui-imports-no-workers',
      comment: 'Workers are started by the state layer, never by a view.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/workers/' },
    },
    {
      name: 'folders-through-their-public-face',
      comment:
        'Each folder is used from other folders through its index.ts, so its inner files can change freely. ' +
        'src/ui is the app itself (its subfolders are one app; only src/main.tsx mounts it). ' +
        'The exceptions are the lazily loaded faces, src/timeline/onDemand.ts (what-if replays, branch sandboxes) ' +
        "src/workers/onDemand.ts (the import worker's client) and src/state/timeMachine/onDemand.ts (branches, restore and undo): they are imported dynamically, so that they are " +
        'chunks loaded on first use (see on-demand-only-dynamically).',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: `^src/(${folders})/`,
        pathNot: ['^src/$1/', `^src/(${folders})/index\\.ts$`, onDemand],
      },
    },
    {
      name: 'main-through-public-faces',
      comment: "src/main.tsx wires the app from the folders' public faces (and mounts src/ui).",
      severity: 'error',
      from: { path: '^src/main\\.tsx$' },
      to: { path: `^src/(${folders})/`, pathNot: `^src/(${folders})/index\\.ts$` },
    },
    {
      name: 'on-demand-only-dynamically',
      comment: 'A lazily loaded face stays out of the start-up bundle: other folders may only import() it.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: onDemand, pathNot: '^src/$1/', dependencyTypesNot: ['dynamic-import'] },
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
