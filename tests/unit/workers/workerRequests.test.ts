import { describe, expect, it } from 'vitest';
import { workerRequests } from '../../../src/workers/workerRequests';

type Reply = { id: number; doubled: number } | { id: number; error: string };

/** A stand-in worker that doubles `n` (out of order, to show replies are matched by id), or fails on a negative. */
class DoublingWorker {
  terminated = false;
  onmessage: ((event: { data: Reply }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  postMessage({ id, n }: { id: number; n: number }): void {
    const reply: Reply = n < 0 ? { id, error: `cannot double ${n}` } : { id, doubled: 2 * n };
    setTimeout(() => this.onmessage?.({ data: reply }), n % 2 ? 1 : 5);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const doubling = () => {
  const workers: DoublingWorker[] = [];
  const requests = workerRequests<{ n: number }, Reply, number>(
    () => {
      const worker = new DoublingWorker();
      workers.push(worker);
      return worker as unknown as Worker;
    },
    'doubling worker',
    (reply) => reply.doubled,
  );
  return { requests, workers };
};

describe('worker requests', () => {
  it('start the worker on first use and match each reply to its request', async () => {
    const { requests, workers } = doubling();
    expect(workers).toHaveLength(0);
    expect(await Promise.all([requests.ask({ n: 2 }), requests.ask({ n: 3 }), requests.ask({ n: 4 })])).toEqual([4, 6, 8]);
    expect(workers).toHaveLength(1);
    await expect(requests.ask({ n: -1 })).rejects.toThrow('cannot double -1');
    expect(await requests.ask({ n: 5 })).toBe(10);
  });

  it('reject what waits and every later request once the worker fails or is closed', async () => {
    const { requests, workers } = doubling();
    const waiting = requests.ask({ n: 2 });
    workers[0]!.onerror?.({ message: 'out of memory' });
    await expect(waiting).rejects.toThrow('The doubling worker stopped: out of memory.');
    await expect(requests.ask({ n: 1 })).rejects.toThrow('out of memory');
    expect(workers[0]!.terminated).toBe(true);

    const other = doubling();
    await other.requests.ask({ n: 1 });
    other.requests.close('The timeline was closed.');
    await expect(other.requests.ask({ n: 1 })).rejects.toThrow('The timeline was closed.');
  });

  it('start a new worker after one is released', async () => {
    const { requests, workers } = doubling();
    expect(await requests.ask({ n: 1 })).toBe(2);
    requests.release();
    expect(workers[0]!.terminated).toBe(true);
    expect(await requests.ask({ n: 7 })).toBe(14);
    expect(workers).toHaveLength(2);
  });
});
