import { shopReadModel, type ShopState } from '../../src/domain';

/**
 * The shop as JSON with map entries sorted by key: two states with the same contents compare
 * equal however their maps were built (a fold, or a snapshot read back in key order).
 */
export function canonicalShop(state: ShopState): string {
  const data = shopReadModel.serialize(state) as Record<string, unknown>;
  const sorted = Object.fromEntries(
    Object.entries(data).map(([field, value]) => {
      const isEntries = Array.isArray(value) && value.every((v) => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string');
      return [field, isEntries ? [...(value as [string, unknown][])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : value];
    }),
  );
  return JSON.stringify(sorted);
}
