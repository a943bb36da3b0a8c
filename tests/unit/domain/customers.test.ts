import { describe, expect, it } from 'vitest';
import { NOW, event, given } from '../../support/spec';
import { customerDeleted, customerRegistered, itemAdded, mug, productRegistered } from '../../support/shopEvents';

describe('RegisterCustomer', () => {
  it('registers a customer under the id given', () => {
    const state = given()
      .when({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada Lovelace' })
      .then(event('customer-ada', 'CustomerRegistered', { customerId: 'ada', name: 'Ada Lovelace', email: null }));
    expect(state.customers.get('ada')).toMatchObject({ id: 'ada', name: 'Ada Lovelace', deleted: false });
  });

  it('takes a new id from the context when none is given', () => {
    given()
      .when({ type: 'RegisterCustomer', name: 'Grace' })
      .then(event('customer-id-1', 'CustomerRegistered', { customerId: 'id-1', name: 'Grace', email: null }));
  });

  it('records when the customer registered from the event time', () => {
    const state = given()
      .when({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada' })
      .then(event('customer-ada', 'CustomerRegistered', { customerId: 'ada', name: 'Ada', email: null }));
    expect(state.customers.get('ada')?.registeredAt).toBe(NOW);
  });

  it('refuses an id that is taken', () => {
    given(customerRegistered('ada', 'Ada'))
      .when({ type: 'RegisterCustomer', customerId: 'ada', name: 'Another Ada' })
      .thenRejects('duplicate-customer');
  });

  it('refuses the id of a deleted customer', () => {
    given(customerRegistered('ada', 'Ada'), customerDeleted('ada'))
      .when({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada again' })
      .thenRejects('duplicate-customer');
  });

  it.each([
    ['an empty name', { name: '  ' }, 'name'],
    ['a name over 80 characters', { name: 'a'.repeat(81) }, 'name'],
    ['an empty id', { customerId: '' }, 'customerId'],
    ['a missing name', { name: undefined }, 'name'],
  ])('rejects %s as invalid', (_what, change, path) => {
    given()
      .when({ type: 'RegisterCustomer', customerId: 'ada', name: 'Ada', ...change })
      .thenInvalid(path);
  });
});

describe('RenameCustomer', () => {
  it('records the new and the previous name', () => {
    const state = given(customerRegistered('ada', 'Ada'))
      .when({ type: 'RenameCustomer', customerId: 'ada', name: 'Ada Lovelace' })
      .then(event('customer-ada', 'CustomerRenamed', { customerId: 'ada', name: 'Ada Lovelace', previousName: 'Ada' }));
    expect(state.customers.get('ada')?.name).toBe('Ada Lovelace');
  });

  it('refuses an unknown customer', () => {
    given().when({ type: 'RenameCustomer', customerId: 'ada', name: 'Ada' }).thenRejects('unknown-customer');
  });

  it('refuses a deleted customer', () => {
    given(customerRegistered('ada', 'Ada'), customerDeleted('ada'))
      .when({ type: 'RenameCustomer', customerId: 'ada', name: 'Ada L.' })
      .thenRejects('customer-deleted');
  });

  it('refuses the name the customer already has, after trimming', () => {
    given(customerRegistered('ada', 'Ada')).when({ type: 'RenameCustomer', customerId: 'ada', name: '  Ada ' }).thenRejects('same-name');
  });

  it('rejects an empty name as invalid', () => {
    given(customerRegistered('ada', 'Ada')).when({ type: 'RenameCustomer', customerId: 'ada', name: '' }).thenInvalid('name');
  });
});

describe('DeleteCustomer', () => {
  it('marks the customer deleted and drops their cart', () => {
    const state = given(productRegistered(mug, 5), customerRegistered('ada', 'Ada'), itemAdded('ada', 'MUG', 1))
      .when({ type: 'DeleteCustomer', customerId: 'ada' })
      .then(event('customer-ada', 'CustomerDeleted', { customerId: 'ada' }));
    expect(state.customers.get('ada')).toMatchObject({ name: 'Ada', deleted: true });
    expect(state.carts.has('ada')).toBe(false);
  });

  it('refuses an unknown customer', () => {
    given().when({ type: 'DeleteCustomer', customerId: 'ada' }).thenRejects('unknown-customer');
  });

  it('refuses a customer who is already deleted', () => {
    given(customerRegistered('ada', 'Ada'), customerDeleted('ada'))
      .when({ type: 'DeleteCustomer', customerId: 'ada' })
      .thenRejects('customer-deleted');
  });
});
