import type { AnySource } from '../../es';
import { collectionKeys, collections, type CollectionEntry, type ShopState } from '../../domain';

/** What the event list's Stream box stands for: streams and tags to read, and stream-id prefixes. */
export type StreamSources = Required<AnySource>;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Whether `text` holds `query` (both lower case) where a number in it is whole: "#109" is in
 * "order #109" but not in "order #1093", so an order's number finds that order alone.
 */
export function containsWhole(text: string, query: string): boolean {
  for (let at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + 1)) {
    const startsWhole = !isDigit(query[0]) || !isDigit(text[at - 1]);
    const endsWhole = !isDigit(query[query.length - 1]) || !isDigit(text[at + query.length]);
    if (startsWhole && endsWhole) return true;
  }
  return false;
}

/** Lower case, without "#" and runs of spaces: "Order #1093", "order 1093" and "#1093" read alike. */
const loose = (text: string) => text.toLowerCase().replace(/#/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * Resolves what was typed in the Stream box, once per query, to the sources whose events match:
 * the text as a stream-id prefix ("order-", "product-COSY"), and every entity of the present shop
 * whose title (an order's number, a customer's or product's name) holds it or whose key (a SKU)
 * starts with it, case-insensitive, by where the registry says its events are. Null when empty.
 */
export function resolveStreamQuery(typed: string, shop: ShopState): StreamSources | null {
  const text = typed.trim();
  if (!text) return null;
  const query = text.toLowerCase();
  const asTitle = loose(text);
  // "1" or "#12" is a number, never the start of a random id ("194c…").
  const byKey = !/^[#\s\d]*$/.test(text);
  const streams = new Set<string>();
  const tags = new Set<string>();
  for (const key of collectionKeys) {
    const entry = collections[key] as CollectionEntry<unknown>;
    for (const [id, value] of shop[key] as Iterable<[string, unknown]>) {
      const stream = entry.stream(id);
      // Streams the prefix already finds need no source of their own ("order-" stands for every order).
      if (stream.startsWith(text)) continue;
      const matches =
        (asTitle !== '' && containsWhole(loose(entry.title(value)), asTitle)) ||
        (byKey && (id.toLowerCase().startsWith(query) || stream.toLowerCase().startsWith(query)));
      if (!matches) continue;
      const sources = entry.history(id);
      for (const s of sources.streams) streams.add(s);
      for (const t of sources.tags) tags.add(t);
    }
  }
  return { streams: [...streams], streamPrefixes: [text], tags: [...tags] };
}
