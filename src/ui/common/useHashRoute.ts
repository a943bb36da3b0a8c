import { useSyncExternalStore } from 'react';

export interface HashRoute {
  path: string;
  params: URLSearchParams;
}

function read(): string {
  return window.location.hash.replace(/^#/, '') || '/shop';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** `#/orders?at=12` → { path: '/orders', params: at=12 }. The hash keeps links working offline. */
export function useHashRoute(): HashRoute {
  const hash = useSyncExternalStore(subscribe, read, () => '/shop');
  const [path, query = ''] = hash.split('?');
  return { path: path || '/shop', params: new URLSearchParams(query) };
}

export function navigate(path: string, params?: URLSearchParams): void {
  const query = params && [...params.keys()].length > 0 ? `?${params.toString()}` : '';
  window.location.hash = `${path}${query}`;
}

/** The query part of the hash as it is now (it may have been replaced without a hashchange). */
export function currentParams(): URLSearchParams {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '');
}

/** Rewrites the query without adding a history entry or firing hashchange. */
export function replaceParams(params: URLSearchParams): void {
  const path = read().split('?')[0] || '/shop';
  const query = params.toString();
  window.history.replaceState(null, '', `#${path}${query ? `?${query}` : ''}`);
}
