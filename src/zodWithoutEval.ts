import { z } from 'zod';

// The CSP forbids eval (script-src 'self'). Unless told so, zod probes for it with `new Function`
// as soon as the first object schema is defined, and the browser reports a violation. Entry points
// (main.tsx, any Web Worker that uses the domain) import this module first, before any schema.
z.config({ jitless: true });
