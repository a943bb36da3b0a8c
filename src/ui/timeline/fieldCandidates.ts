import { cartStream, customerStream, orderStream, productTag } from '../../domain';
import type { EventLog, StoredEvent } from '../../es';
import type { Path } from '../../timeline';

/** Every event that can touch the entity a path points into, in log order. */
export async function candidateEvents(log: EventLog, path: Path): Promise<StoredEvent[]> {
  const [collection, id] = path;
  if (typeof id !== 'string') return [];
  switch (collection) {
    case 'products':
      return log.readPositions(await log.positionsMatching({ tag: productTag(id) }));
    case 'orders':
      return log.readStream(orderStream(id));
    case 'customers':
      return log.readStream(customerStream(id));
    case 'carts':
      // A deleted customer's cart disappears with them.
      return merge(await log.readStream(cartStream(id)), await log.readStream(customerStream(id)));
    default:
      return [];
  }
}

function merge(a: StoredEvent[], b: StoredEvent[]): StoredEvent[] {
  return [...a, ...b].sort((x, y) => x.seq - y.seq);
}
