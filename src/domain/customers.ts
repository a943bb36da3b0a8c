import { DomainError, type DecideContext } from '../es';
import type { CommandOf } from './commands';
import { pending, type ShopEvent, type ShopPendingEvent } from './events';
import { requireCustomer } from './rules';
import { patch, type ShopState } from './state';
import { customerStream, customerTag } from './streams';

export type CustomerCommand = CommandOf<'RegisterCustomer' | 'RenameCustomer' | 'DeleteCustomer'>;
type CustomerEvent = Exclude<Extract<ShopEvent, { type: `Customer${string}` }>, { type: `${string}Restored` }>;

export function decideCustomers(state: ShopState, command: CustomerCommand, context: DecideContext): ShopPendingEvent[] {
  switch (command.type) {
    case 'RegisterCustomer': {
      const customerId = command.customerId ?? context.newId();
      if (state.customers.has(customerId)) {
        throw new DomainError('duplicate-customer', `A customer with id ${customerId} already exists.`, { customerId });
      }
      return [pending(customerStream(customerId), 'CustomerRegistered', { customerId, name: command.name }, [customerTag(customerId)])];
    }
    case 'RenameCustomer': {
      const customer = requireCustomer(state, command.customerId);
      if (customer.name === command.name) {
        throw new DomainError('same-name', `${customer.name} is already called that.`, { customerId: command.customerId });
      }
      return [
        pending(
          customerStream(customer.id),
          'CustomerRenamed',
          { customerId: customer.id, name: command.name, previousName: customer.name },
          [customerTag(customer.id)],
        ),
      ];
    }
    case 'DeleteCustomer': {
      const customer = requireCustomer(state, command.customerId);
      return [pending(customerStream(customer.id), 'CustomerDeleted', { customerId: customer.id }, [customerTag(customer.id)])];
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export function evolveCustomers(state: ShopState, event: CustomerEvent): ShopState {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, name } = event.payload;
      return { ...state, customers: state.customers.set(customerId, { id: customerId, name, deleted: false, registeredAt: event.at }) };
    }
    case 'CustomerRenamed':
      return { ...state, customers: patch(state.customers, event.payload.customerId, (c) => ({ ...c, name: event.payload.name })) };
    case 'CustomerDeleted':
      return {
        ...state,
        customers: patch(state.customers, event.payload.customerId, (c) => ({ ...c, deleted: true })),
        carts: state.carts.delete(event.payload.customerId),
      };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
