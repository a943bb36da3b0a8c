import type { Plugin } from 'vite';

/**
 * A static, offline app needs nothing from other origins and runs no inline or eval'd code.
 * style-src stays 'self' too: React sets style attributes through the CSSOM, which CSP allows.
 */
const directives: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
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
 * Adds the CSP meta tag to the built index.html only: the dev server injects inline scripts
 * (React Fast Refresh) that a strict policy would block.
 */
export function cspMetaTag(): Plugin {
  return {
    name: 'rewind-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      const charset = /<meta charset[^>]*>/i;
      if (!charset.test(html)) throw new Error('index.html needs <meta charset> so the CSP tag can follow it.');
      // Right after the charset, before any script or stylesheet it has to govern.
      return html.replace(charset, (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`);
    },
  };
}
