import { describe, expect, it } from 'vitest';
import { cartStream, collectionKeys, customerStream, historySources, orderStream, productTag, returnStream } from '../../../src/domain';

describe('historySources', () => {
  it('names the streams and tags of every event that can touch an entity', () => {
    expect(historySources('products', 'A1')).toEqual({ streams: [], tags: [productTag('A1')] });
    expect(historySources('customers', 'c1')).toEqual({ streams: [customerStream('c1')], tags: [] });
    expect(historySources('carts', 'c1')).toEqual({ streams: [cartStream('c1'), customerStream('c1')], tags: [] });
    expect(historySources('orders', 'o1')).toEqual({ streams: [orderStream('o1')], tags: [] });
    expect(historySources('returns', 'r1')).toEqual({ streams: [returnStream('r1')], tags: [] });
  });

  it('is defined for every collection, and empty for an unknown one', () => {
    for (const key of collectionKeys) {
      const sources = historySources(key, 'x');
      expect(sources.streams.length + sources.tags.length).toBeGreaterThan(0);
    }
    expect(historySources('nothing', 'x')).toEqual({ streams: [], tags: [] });
  });
});
