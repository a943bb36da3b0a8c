import type { Command } from './commands';

/**
 * "Load sample shop": ordinary commands, so the log starts with real events rather than with
 * state that appeared from nowhere.
 */
export function sampleShopCommands(): Command[] {
  return [
    { type: 'RegisterProduct', sku: 'MUG-BLUE', name: 'Blue mug', priceCents: 1250, stock: 20 },
    { type: 'RegisterProduct', sku: 'TEA-EARL', name: 'Earl Grey tea, 100 g', priceCents: 675, stock: 40 },
    { type: 'RegisterProduct', sku: 'POT-WHITE', name: 'White teapot', priceCents: 3400, stock: 5 },
    { type: 'RegisterProduct', sku: 'SPOON-SET', name: 'Tea spoons, set of 4', priceCents: 899, stock: 12 },
    { type: 'RegisterProduct', sku: 'COSY-KNIT', name: 'Knitted tea cosy', priceCents: 1599, stock: 3 },
    { type: 'RegisterCustomer', customerId: 'ada', name: 'Ada Lovelace' },
    { type: 'RegisterCustomer', customerId: 'grace', name: 'Grace Hopper' },
    { type: 'RegisterCustomer', customerId: 'alan', name: 'Alan Turing' },
  ];
}
