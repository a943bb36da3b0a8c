import { formatCents, type Order } from '../../domain';
import { ErrorMessage } from '../common/ErrorMessage';
import { formatTime } from '../StatusBar';
import { useCommand } from '../runtimeContext';

export function OrderDetail({ order, customerName }: { order: Order; customerName: string }) {
  const { send, error, busy } = useCommand();
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
        <button onClick={() => send({ type: 'PayOrder', orderId: order.id })} disabled={busy}>
          Mark paid
        </button>
        <button onClick={() => send({ type: 'ShipOrder', orderId: order.id })} disabled={busy}>
          Ship
        </button>
        <button className="danger" onClick={() => send({ type: 'CancelOrder', orderId: order.id })} disabled={busy}>
          Cancel order
        </button>
      </div>
      <ErrorMessage message={error} />
    </section>
  );
}
