import { useEffect, useState } from 'react';
import type { CommandNode } from '../../timeline';
import { useHistory, useTimeline, useTimelineControls } from '../runtimeContext';

/** The command behind the event at the cursor and the chain of events it caused. */
export function CausationView() {
  const history = useHistory();
  const timeline = useTimelineControls();
  const event = useTimeline((t) => t.viewedEvent);
  const [tree, setTree] = useState<CommandNode[] | null>(null);

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
      <span className="muted">
        {node.causedBy ? 'follow-up command' : 'command'} {node.commandId.slice(0, 8)}
      </span>
      <ul>
        {node.events.map((e) => (
          <li key={e.seq} className={e.seq === event.seq ? 'at-cursor' : undefined}>
            <button className="link" onClick={() => void timeline.moveTo(e.seq)}>
              #{e.seq} {e.type}
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
