import type { EventLog, StoredEvent } from '../../es';
import { evolve, historySources, type ShopState } from '../../domain';
import { fieldHistory, type CheckpointIndex, type FieldChange, type Path } from '../../timeline';

/** Every event that can touch the entity a path points into (the domain names its streams and tags), in log order. */
export async function candidateEvents(log: EventLog, path: Path): Promise<StoredEvent[]> {
  const [collection, id] = path;
  if (typeof collection !== 'string' || typeof id !== 'string') return [];
  const { streams, tags } = historySources(collection, id);
  const reads = [
    ...streams.map((stream) => log.readStream(stream)),
    ...tags.map(async (tag) => log.readPositions(await log.positionsMatching({ tag }))),
  ];
  const found = (await Promise.all(reads)).flat();
  return reads.length === 1 ? found : dropRepeats(found.sort((a, b) => a.seq - b.seq));
}

/** Which events changed the value at `path`: only the candidates are folded, from the state before the first. */
export async function fieldChanges(log: EventLog, checkpoints: CheckpointIndex<ShopState>, path: Path): Promise<FieldChange[]> {
  const candidates = await candidateEvents(log, path);
  if (candidates.length === 0) return [];
  const start = await checkpoints.stateAt(candidates[0]!.seq - 1);
  return fieldHistory(start, candidates, evolve, path);
}

/** An event read through two sources (a stream and a tag) is folded once. */
function dropRepeats(sorted: StoredEvent[]): StoredEvent[] {
  return sorted.filter((e, i) => i === 0 || sorted[i - 1]!.seq !== e.seq);
}
