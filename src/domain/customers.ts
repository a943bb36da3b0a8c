import * as z from 'zod/mini';
import { DomainError, type DecideContext } from '../es';
import { input } from './fields';
import { liveCustomerProblem, requireCustomer } from './rules';
import { pending, type CommandIn, type Slice } from './slice';
import { patch, type ShopState } from './state';
import { customerStream, customerTag } from './streams';

const { id } = input;

const commands = {
  RegisterCustomer: z.object({
    type: z.literal('RegisterCustomer'),
    customerId: z.optional(id),
    name: input.name('a name'),
    email: z.optional(z.nullable(input.email)),
  }),
  RenameCustomer: z.object({ type: z.literal('RenameCustomer'), customerId: id, name: input.name('a name') }),
  DeleteCustomer: z.object({ type: z.literal('DeleteCustomer'), customerId: id }),
};

const events = {
  // Schema version 2 added the email (null when not given); version 1 events are upcast to it.
  CustomerRegistered: z.object({ customerId: z.string(), name: z.string(), email: z.nullable(z.string()) }),
  CustomerRenamed: z.object({ customerId: z.string(), name: z.string(), previousName: z.string() }),
  CustomerDeleted: z.object({ customerId: z.string() }),
};

function decide(state: ShopState, command: CommandIn<typeof commands>, context: DecideContext) {
  switch (command.type) {
    case 'RegisterCustomer': {
      const customerId = command.customerId ?? context.newId();
      if (state.customers.has(customerId)) {
        throw new DomainError('duplicate-customer', `A customer with id ${customerId} already exists.`, { customerId });
      }
      const { name, email = null } = command;
      return [pending(customerStream(customerId), 'CustomerRegistered', { customerId, name, email }, [customerTag(customerId)])];
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

/** Customers: who shops here. */
export const customersSlice: Slice<typeof commands, typeof events> = {
  name: 'customers',
  category: 'customers',
  commands,
  events,
  decide,
  evolve: {
    CustomerRegistered: (state, event) => {
      const { customerId, name, email } = event.payload;
      return {
        ...state,
        customers: state.customers.set(customerId, { id: customerId, name, email, deleted: false, registeredAt: event.at }),
      };
    },
    CustomerRenamed: (state, e) => ({
      ...state,
      customers: patch(state.customers, e.payload.customerId, (c) => ({ ...c, name: e.payload.name })),
    }),
    CustomerDeleted: (state, e) => ({
      ...state,
      customers: patch(state.customers, e.payload.customerId, (c) => ({ ...c, deleted: true })),
      carts: state.carts.delete(e.payload.customerId),
    }),
  },
  describe: {
    CustomerRegistered: ({ payload: p }) => `${p.name} became a customer`,
    CustomerRenamed: ({ payload: p }) => `${p.previousName} was renamed to ${p.name}`,
    CustomerDeleted: ({ payload: p }, names) => `${names.customer(p.customerId)} was deleted`,
  },
  whyInapplicable: {
    CustomerRegistered: (state, { payload: { customerId } }) =>
      state.customers.get(customerId) ? `customer ${customerId} already exists` : null,
    CustomerRenamed: (state, e) => liveCustomerProblem(state, e.payload.customerId),
    CustomerDeleted: (state, e) => liveCustomerProblem(state, e.payload.customerId),
  },
  reads: {
    // A new id (none given) names a stream nobody has written to yet.
    RegisterCustomer: (c) => (c.customerId === undefined ? [] : [customerStream(c.customerId)]),
    RenameCustomer: (c) => [customerStream(c.customerId)],
    DeleteCustomer: (c) => [customerStream(c.customerId)],
  },
};
