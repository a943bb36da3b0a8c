import { useMemo, useState } from 'react';
import { formatCents, type Order } from '../../domain';
import { formatTime } from '../StatusBar';
import { useShopView } from '../runtimeContext';
import { OrderDetail } from './OrderDetail';
import { countOf, formatCount } from '../../domain';

const PAGE = 100;

export function OrdersPage() {
  const orderIds = useShopView((v) => v.shop.orderIds);
  const orders = useShopView((v) => v.shop.orders);
  const customers = useShopView((v) => v.shop.customers);
  const [selected, setSelected] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  // By index from the end: reversing the whole list would copy every order id on each timeline jump.
  const newestFirst = useMemo(() => {
    const page: Order[] = [];
    for (let i = orderIds.size - 1; i >= 0 && page.length < shown; i -= 1) page.push(orders.get(orderIds.get(i)!)!);
    return page;
  }, [orderIds, orders, shown]);
  const current: Order | undefined = selected ? orders.get(selected) : undefined;

  return (
    <div className="columns">
      <section className="card" aria-labelledby="orders-title">
        <h2 id="orders-title">
          Orders <span className="count">({formatCount(orderIds.size)})</span>
        </h2>
        {orderIds.size === 0 ? (
          <p>No orders yet.</p>
        ) : (
          <table aria-label="Orders">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Placed</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((o) => (
                <tr key={o.id} aria-selected={o.id === selected} className={o.id === selected ? 'selected' : undefined}>
                  <td>
                    <button className="link" onClick={() => setSelected(o.id)} aria-label={`Open order #${o.number}`}>
                      #{o.number}
                    </button>
                  </td>
                  <td>{customers.get(o.customerId)?.name ?? o.customerId}</td>
                  <td>{formatTime(o.placedAt)}</td>
                  <td className="num">{formatCents(o.totalCents)}</td>
                  <td>
                    <span className={`status status-${o.status}`}>{o.status}</span>
                    {o.returns && o.returns.length > 0 && <span className="count"> · {countOf(o.returns.length, 'return')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {orderIds.size > shown && (
          <button className="secondary" onClick={() => setShown((n) => n + PAGE)}>
            Show more orders
          </button>
        )}
      </section>
      {current && <OrderDetail order={current} customerName={customers.get(current.customerId)?.name ?? current.customerId} />}
    </div>
  );
}
