import { cartSlice } from './cart';
import { catalogSlice } from './catalog';
import { customersSlice } from './customers';
import { discountsSlice } from './discounts';
import { ordersSlice } from './orders';
import { restoreSlice } from './restore';
import { returnsSlice } from './returns';
import type { Slice } from './slice';

/** Every slice of the shop; commands, events and their tables are composed from these. */
export const slices = [catalogSlice, customersSlice, cartSlice, ordersSlice, returnsSlice, discountsSlice, restoreSlice] as const;

export type ShopSlice = (typeof slices)[number];

/** A per-type table of one slice member, every slice's entries together (no prototype: unknown types miss). */
function table<T>(pick: (slice: Slice) => Record<string, T>): Record<string, T> {
  const all = Object.create(null) as Record<string, T>;
  for (const slice of slices as readonly unknown[] as readonly Slice[]) Object.assign(all, pick(slice));
  return all;
}

/** Which slice owns each command type and each event type. */
export const commandOwners = table((slice) => Object.fromEntries(Object.keys(slice.commands).map((type) => [type, slice])));
export const eventOwners = table((slice) => Object.fromEntries(Object.keys(slice.events).map((type) => [type, slice])));

type Loose = (...args: never[]) => unknown;
export const evolvers = table((slice) => slice.evolve as Record<string, Loose>);
export const describers = table((slice) => slice.describe as Record<string, Loose>);
export const applicabilityRules = table((slice) => slice.whyInapplicable as Record<string, Loose>);
export const readers = table((slice) => slice.reads as Record<string, Loose>);
