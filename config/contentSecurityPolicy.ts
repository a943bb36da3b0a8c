import type { Plugin } from 'vite';

/**
 * A static, offline app needs nothing from other origins and runs no inline or eval'd code.
 * style-src stays 'self' too: React sets style attributes through the CSSOM, which CSP allows.
 * connect-src also lets the app reach the sync server the user sets up (Settings → Sync), which
 * no build can name: any https origin, and plain http on this machine only (docs/decisions/015).
 */
const directives: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self' https: http://localhost:* http://127.0.0.1:*",
  'worker-src': "'self'",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
};

const serialize = (d: Record<string, string>) =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

/** For the <meta> tag, which every static host serves (browsers ignore frame-ancestors there). */
export const contentSecurityPolicy = serialize(directives);

/** For servers that can send headers (vite preview): the same policy plus what only headers carry. */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': serialize({ ...directives, 'frame-ancestors': "'none'" }),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Zod probes for eval with `new Function` when the first object schema is defined, and the
 * browser reports that as a CSP violation even though zod catches the error. Setting zod's global
 * config first stops the probe. It opens every chunk (page and workers) rather than living in one
 * module, because code splitting may run a shared chunk's schemas before the entry's own code.
 */
const zodWithoutEval = '(globalThis.__zod_globalConfig ??= {}).jitless = true;';

/**
 * What the production build does for the CSP: the meta tag, and bundles that never try eval.
 * Build only: the dev server injects inline scripts (React Fast Refresh) a strict policy blocks.
 */
export function contentSecurityPolicyPlugin(): Plugin {
  const output = { banner: zodWithoutEval };
  return {
    name: 'rewind-content-security-policy',
    apply: 'build',
    config: () => ({ build: { rolldownOptions: { output } }, worker: { rolldownOptions: { output } } }),
    transformIndexHtml(html) {
      const charset = /<meta charset[^>]*>/i;
      if (!charset.test(html)) throw new Error('index.html needs <meta charset> so the CSP tag can follow it.');
      // Right after the charset, before any script or stylesheet it has to govern.
      return html.replace(charset, (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`);
    },
  };
}
