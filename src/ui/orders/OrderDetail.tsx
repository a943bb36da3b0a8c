import { formatCents, whyOrderCannot, type Command, type Order, type OrderAction } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { formatTime } from '../StatusBar';
import { useCommand } from '../runtimeContext';
import { OrderReturns } from './OrderReturns';
import { ReturnForm } from './ReturnForm';

/** The order's buttons: each is disabled, with the decider's own sentence beside it, when its command cannot apply. */
const actions: ReadonlyArray<{ action: OrderAction; label: string; command: (orderId: string) => Command; className?: string }> = [
  { action: 'pay', label: 'Mark paid', command: (orderId) => ({ type: 'PayOrder', orderId }) },
  { action: 'ship', label: 'Ship', command: (orderId) => ({ type: 'ShipOrder', orderId }) },
  { action: 'cancel', label: 'Cancel order', command: (orderId) => ({ type: 'CancelOrder', orderId }), className: 'danger' },
];

export function OrderDetail({ order, customerName }: { order: Order; customerName: string }) {
  const { send, error, busy, clearError } = useCommand();
  const reasons = actions.map((a) => ({ ...a, why: whyOrderCannot(order, a.action) }));
  return (
    <section className="card" aria-label={`Order #${order.number}`}>
      <h2>
        Order #{order.number} <span className={`status status-${order.status}`}>{order.status}</span>
      </h2>
      <p>
        {customerName} · placed {formatTime(order.placedAt)}
        {order.paidAt && ` · paid ${formatTime(order.paidAt)}`}
        {order.shippedAt && ` · shipped ${formatTime(order.shippedAt)}`}
        {order.cancelledAt && ` · cancelled ${formatTime(order.cancelledAt)}`}
      </p>
      <table aria-label={`Lines of order #${order.number}`}>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              Subtotal
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l, i) => (
            <tr key={`${l.sku}-${i}`}>
              <td>{l.name}</td>
              <td className="num">{l.quantity}</td>
              <td className="num">{formatCents(l.unitPriceCents)}</td>
              <td className="num">{formatCents(l.quantity * l.unitPriceCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {order.discount && (
            <tr>
              <th scope="row" colSpan={3}>
                Discount (code {order.discount.code})
              </th>
              <td className="num" data-testid="order-discount">
                −{formatCents(order.discount.amountCents)}
              </td>
            </tr>
          )}
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num" data-testid="order-total">
              {formatCents(order.totalCents)}
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="buttons">
        {reasons.map(({ action, label, command, className, why }) => (
          <button
            key={action}
            className={className}
            onClick={() => send(command(order.id))}
            disabled={busy || why !== null}
            aria-describedby={why ? `why-${action}-${order.id}` : undefined}
          >
            {label}
          </button>
        ))}
      </div>
      {reasons.some((r) => r.why) && (
        <ul className="reasons">
          {reasons.map(({ action, why }) =>
            why ? (
              <li key={action} id={`why-${action}-${order.id}`}>
                {why}
              </li>
            ) : null,
          )}
        </ul>
      )}
      <ErrorMessage message={error} onDismiss={clearError} />
      {order.returns && order.returns.length > 0 && <OrderReturns order={order} />}
      {order.status === 'shipped' && <ReturnForm key={order.id} order={order} />}
    </section>
  );
}
