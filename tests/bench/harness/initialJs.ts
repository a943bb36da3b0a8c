import { readFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialJs {
  files: Array<{ file: string; bytes: number; gzipBytes: number }>;
  gzipBytes: number;
}

const htmlScripts = /<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g;
const htmlPreloads =
  /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>|<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="modulepreload"[^>]*>/g;
/** Static imports in built chunks (`import{a}from"./x.js"`, `import"./y.js"`); `import(` is dynamic and not matched. */
const staticImports = /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;

/**
 * The JS the built index page loads at start: its script tags and module preloads, and whatever
 * those import statically. Chunks reached only by dynamic import() load later and are not counted.
 * Sizes are gzip at the default level (6), as a web server would send them.
 */
export async function initialJs(buildDir: string): Promise<InitialJs> {
  const html = await readFile(join(buildDir, 'index.html'), 'utf8');
  const queue = [...html.matchAll(htmlScripts)].map((m) => m[1]!).concat([...html.matchAll(htmlPreloads)].map((m) => (m[1] ?? m[2])!));
  const seen = new Set<string>();
  const files: InitialJs['files'] = [];
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (/^https?:/.test(url) || !url.endsWith('.js')) continue;
    const file = posix.normalize(url.replace(/^\//, ''));
    if (seen.has(file)) continue;
    seen.add(file);
    const body = await readFile(join(buildDir, file));
    files.push({ file, bytes: body.length, gzipBytes: gzipSync(body).length });
    for (const m of body.toString('utf8').matchAll(staticImports)) {
      const target = m[1]!;
      if (target.startsWith('.')) queue.push(posix.join(dirname(file), target));
      else if (target.startsWith('/')) queue.push(target);
    }
  }
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}
