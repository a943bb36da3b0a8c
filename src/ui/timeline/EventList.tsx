import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { describeEvent, eventTypes, namesFrom } from '../../domain';
import type { StoredEvent } from '../../es';
import { formatTime } from '../StatusBar';
import { isFiltered, noFilter, resolveStreamQuery, type EventFilter } from '../../state';
import { useHistory, usePresentView, useTimeline, useTimelineControls } from '../runtimeContext';
import { countOf } from '../../domain';
import { useAuthors } from '../common/useAuthors';

const PAGE = 200;
const ROW_HEIGHT = 30;

/** Index of the first position at or after `seq` in ascending `positions` (their length if none). */
function firstAtOrAfter(positions: readonly number[], seq: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every event after the history's start (its archived beginning is not in this browser),
 * virtualized (only the rows on screen exist in the DOM, and only their pages are read from the
 * log), with filters. Click moves the cursor; shift-click picks events to diff. While "Follow
 * cursor" is on, the list scrolls to the cursor's row whenever the cursor moves.
 */
export function EventList({ selected, onSelect }: { selected: number[]; onSelect: (seqs: number[]) => void }) {
  const history = useHistory();
  const timeline = useTimelineControls();
  const present = usePresentView((v) => v.position);
  const start = usePresentView((v) => v.origin?.position ?? 0);
  const shop = usePresentView((v) => v.shop);
  const cursor = useTimeline((t) => t.cursor);
  const skips = useTimeline((t) => t.skips);
  const flagged = useTimeline((t) => t.flagged);
  const [filter, setFilter] = useState<EventFilter>(noFilter);
  const [positions, setPositions] = useState<number[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [follow, setFollow] = useState(true);
  const [pages, setPages] = useState<Map<number, StoredEvent[]>>(new Map());
  const parentRef = useRef<HTMLDivElement>(null);
  const names = useMemo(() => namesFrom(shop), [shop]);
  const filtered = isFiltered(filter);
  // Names resolve to streams once per query, not once per event.
  const streams = useMemo(() => resolveStreamQuery(filter.streamId, shop), [filter.streamId, shop]);

  useEffect(() => {
    if (!filtered) {
      setPositions(null);
      return;
    }
    const signal = { cancelled: false };
    setSearching(true);
    const timer = setTimeout(() => {
      void history.matchingPositions(filter, present, signal, streams).then((found) => {
        if (!signal.cancelled) {
          setPositions(found);
          setSearching(false);
        }
      });
    }, 200);
    return () => {
      signal.cancelled = true;
      clearTimeout(timer);
    };
  }, [filter, filtered, present, history, streams]);

  // Pages are keyed by row index; a new row set (filter, growth) starts afresh.
  useEffect(() => setPages(new Map()), [positions, present, start]);

  const count = positions ? positions.length : Math.max(0, present - start);
  const seqAt = (index: number) => (positions ? positions[index]! : start + index + 1);
  /** The row of the event at `seq`, or the first after it when filtered; -1 when there is none. */
  const indexOf = (seq: number) => {
    const index = positions ? Math.min(firstAtOrAfter(positions, seq), positions.length - 1) : seq - start - 1;
    return Math.min(index, count - 1);
  };

  // The virtualizer's functions are called fresh each render, never handed to memoized children.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parentRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length ? Math.floor(items[0]!.index / PAGE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1]!.index / PAGE) : -1;

  useEffect(() => {
    for (let page = firstPage; page <= lastPage; page++) {
      if (pages.has(page)) continue;
      const from = page * PAGE;
      const to = Math.min(count, from + PAGE);
      const load = positions ? history.eventsAtPositions(positions.slice(from, to)) : history.eventsBetween(start + from + 1, start + to);
      void load.then((events) => setPages((old) => new Map(old).set(page, events)));
    }
  }, [firstPage, lastPage, pages, positions, count, history, start]);

  const eventAt = (index: number) => pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  const authors = useAuthors(items.map((item) => eventAt(item.index)));

  const onRowClick = (e: MouseEvent, seq: number) => {
    if (e.shiftKey) {
      onSelect([...selected.filter((s) => s !== seq), seq].slice(-2));
      return;
    }
    void timeline.moveTo(seq);
  };

  const scrollToCursor = () => {
    const index = indexOf(cursor ?? present);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  };

  // Follows moves of the cursor (and a new row set), not the log's growth at the present.
  const followed = follow ? (cursor ?? 'present') : null;
  useEffect(() => {
    if (followed === null) return;
    const index = indexOf(followed === 'present' ? present : followed);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [followed, positions]);

  return (
    <div className="event-list">
      <div className="filters inline-form" role="search" aria-label="Filter events">
        <label htmlFor="ev-type">Type</label>
        <select id="ev-type" value={filter.type} onChange={(e) => setFilter({ ...filter, type: e.target.value })}>
          <option value="">All</option>
          {eventTypes.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <label htmlFor="ev-customer">Customer</label>
        <select id="ev-customer" value={filter.customerId} onChange={(e) => setFilter({ ...filter, customerId: e.target.value })}>
          <option value="">All</option>
          {[...shop.customers.values()].map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label>
          Stream or name{' '}
          <input
            value={filter.streamId}
            onChange={(e) => setFilter({ ...filter, streamId: e.target.value })}
            placeholder="order #12, a name, order-…"
            size={16}
          />
        </label>
        <label>
          From <input type="datetime-local" value={filter.from} onChange={(e) => setFilter({ ...filter, from: e.target.value })} />
        </label>
        <label>
          To <input type="datetime-local" value={filter.to} onChange={(e) => setFilter({ ...filter, to: e.target.value })} />
        </label>
        <label>
          Search payloads <input type="search" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
        </label>
        <label>
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow cursor
        </label>
        <button className="secondary" onClick={scrollToCursor}>
          Scroll to cursor
        </button>
        <span role="status" className="muted">
          {searching ? 'Searching…' : countOf(count, 'event')}
        </span>
      </div>
      <div ref={parentRef} className="event-rows" role="list" aria-label="Events">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const seq = seqAt(item.index);
            const event = eventAt(item.index);
            const reason = flagged.get(seq);
            const classes = [
              'event-row',
              seq === cursor ? 'at-cursor' : '',
              selected.includes(seq) ? 'picked' : '',
              reason ? 'flagged' : '',
              skips.has(seq) ? 'skipped' : '',
            ];
            return (
              <div
                key={item.key}
                role="listitem"
                className={classes.join(' ')}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <input
                  type="checkbox"
                  checked={skips.has(seq)}
                  onChange={() => void timeline.toggleSkip(seq)}
                  aria-label={`Skip event #${seq}`}
                />
                <button className="row-button" onClick={(e) => onRowClick(e, seq)} aria-label={`Go to event #${seq}`}>
                  <span className="seq">#{seq}</span>
                  {event ? (
                    <>
                      <time dateTime={event.at}>{formatTime(event.at)}</time>
                      <span className="type">{event.type}</span>
                      <span className="stream">{event.streamId}</span>
                      <span className="summary">
                        {describeEvent(event, names)}
                        {authors.has(event.id) && <span className="device"> — {authors.get(event.id)}</span>}
                      </span>
                    </>
                  ) : (
                    <span className="muted">…</span>
                  )}
                </button>
                {reason && (
                  <span className="flag" title={reason}>
                    ⚠ flagged: {reason}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
