import { describe, expect, it } from 'vitest';
import { fieldLabel, formatValue, isInternalId, namedValue, namesFrom, nodeLabel, pathInWords } from '../../../src/domain';
import { fold } from '../../support/spec';
import { adaOrderedTwoMugs } from '../../support/shopEvents';

const shop = fold(adaOrderedTwoMugs());
const names = namesFrom(shop);

describe('paths and values in words', () => {
  it('labels fields without their units and camel case', () => {
    expect(fieldLabel('priceCents')).toBe('price');
    expect(fieldLabel('minimumOrderCents')).toBe('minimum order');
    expect(fieldLabel('paidAt')).toBe('paid at');
    expect(fieldLabel(0)).toBe('#1');
  });

  it('formats money, moments, flags and absence; sums up lists instead of dumping them', () => {
    expect(formatValue('totalCents', 2500)).toBe('25.00');
    expect(formatValue('stock', 8)).toBe('8');
    expect(formatValue('placedAt', '2026-03-01T10:00:00.000Z')).toBe('2026-03-01 10:00');
    expect(formatValue('deleted', false)).toBe('no');
    expect(formatValue('email', null)).toBe('none');
    expect(formatValue('lines', [1, 2])).toBe('2 entries');
    expect(formatValue('discount', { code: 'X' })).toBe('set');
  });

  it('names collections, entities and lines as the shop does', () => {
    expect(nodeLabel(['orders'], shop.orders, names)).toBe('Orders');
    expect(nodeLabel(['orders', 'o1'], shop.orders.get('o1'), names)).toBe('Order #1');
    expect(nodeLabel(['carts', 'ada'], shop.carts.get('ada'), names)).toBe("Ada's cart");
    expect(nodeLabel(['orders', 'o1', 'lines', 0], shop.orders.get('o1')!.lines[0], names)).toBe('Blue mug');
    expect(nodeLabel(['orders', 'o1', 'customerId'], 'ada', names)).toBe('customer');
    expect(namedValue('customerId', 'ada', names)).toBe('Ada');
    expect(namedValue('sku', 'MUG', names)).toBeNull();
  });

  it('says a path as the entity and its fields', () => {
    expect(pathInWords(shop, ['products', 'MUG', 'stock'], names)).toBe('Blue mug › stock');
    expect(pathInWords(shop, ['orders', 'o1', 'lines', 0, 'quantity'], names)).toBe('Order #1 › lines › Blue mug › quantity');
    expect(pathInWords(shop, ['products'], names)).toBe('Products');
    expect(pathInWords(shop, ['products', 'GONE', 'stock'], names)).toBe('GONE › stock');
  });

  it('hides internal ids but not the ones that name a customer or an order', () => {
    expect(isInternalId('id')).toBe(true);
    expect(isInternalId('checkoutId')).toBe(true);
    expect(isInternalId('customerId')).toBe(false);
    expect(isInternalId('sku')).toBe(false);
  });
});
