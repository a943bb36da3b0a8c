import { useEffect, useMemo, useState } from 'react';
import { describeEvent, namesFrom } from '../../domain';
import type { CommandNode } from '../../timeline';
import { useHistory, usePresentView, useShopView, useTimeline, useTimelineControls } from '../runtimeContext';

/** The command behind the event at the cursor and the chain of events it caused. */
export function CausationView() {
  const history = useHistory();
  const timeline = useTimelineControls();
  const event = useTimeline((t) => t.viewedEvent);
  const [tree, setTree] = useState<CommandNode[] | null>(null);
  const shown = useShopView((v) => v.shop);
  const present = usePresentView((v) => v.shop);
  // The chain may run past the cursor: the present names what the cursor's shop has not heard of yet.
  const names = useMemo(() => namesFrom(present, shown), [present, shown]);

  useEffect(() => {
    if (!event) return;
    let live = true;
    void history.causationOf(event).then((tree) => live && setTree(tree));
    return () => {
      live = false;
    };
  }, [event, history]);

  if (!event) return <p>Move the cursor to an event to see what caused it and what it caused.</p>;

  const Node = ({ node }: { node: CommandNode }) => (
    <li>
      <span className="muted" title={`command ${node.commandId}`}>
        {node.causedBy ? 'Follow-up command' : 'Command'}
      </span>
      <ul>
        {node.events.map((e) => (
          <li key={e.seq} className={e.seq === event.seq ? 'at-cursor' : undefined}>
            <button className="link" onClick={() => void timeline.moveTo(e.seq)}>
              #{e.seq} {describeEvent(e, names)}
            </button>
          </li>
        ))}
        {node.children.map((c) => (
          <Node key={c.commandId} node={c} />
        ))}
      </ul>
    </li>
  );

  return (
    <section aria-label="Causation">
      <h3>Chain of #{event.seq}</h3>
      <ul className="tree">
        {tree?.map((n) => (
          <Node key={n.commandId} node={n} />
        ))}
      </ul>
    </section>
  );
}
