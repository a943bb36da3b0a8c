import { formatCents, type Order } from '../../domain';
import { formatTime } from '../StatusBar';

/** What came back from the order, return by return, with what each refunded. */
export function OrderReturns({ order }: { order: Order }) {
  const returns = order.returns ?? [];
  const refunded = returns.reduce((sum, r) => sum + r.refundedCents, 0);
  return (
    <table aria-label={`Returns of order #${order.number}`}>
      <thead>
        <tr>
          <th scope="col">Returned</th>
          <th scope="col">Items</th>
          <th scope="col" className="num">
            Refunded
          </th>
        </tr>
      </thead>
      <tbody>
        {returns.map((r) => (
          <tr key={r.returnId}>
            <td>{formatTime(r.returnedAt)}</td>
            <td>{r.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}</td>
            <td className="num">{formatCents(r.refundedCents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Refunded in all
          </th>
          <td className="num" data-testid="order-refunded">
            {formatCents(refunded)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
