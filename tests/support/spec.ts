import { expect } from 'vitest';
import { DomainError, GENESIS_HASH, ValidationError, chain, type DecideContext, type StoredEvent } from '../../src/es';
import { decide, evolve, initialShopState, parseCommand, type EventPayloads, type EventType, type ShopState } from '../../src/domain';

/** An event as a specification writes it: what a decider returns, minus the log's bookkeeping. */
export type SpecEvent = { [K in EventType]: { streamId: string; type: K; payload: EventPayloads[K] } }[EventType];

/** Builds a SpecEvent with its payload checked against its type. */
export function event<K extends EventType>(streamId: string, type: K, payload: EventPayloads[K]): SpecEvent {
  return { streamId, type, payload } as SpecEvent;
}

/** The time every `when` decides at, and the time given events start from (one minute apart). */
export const NOW = '2026-03-01T10:00:00.000Z';
const GIVEN_START = Date.UTC(2026, 1, 1);

/** A fixed context: the clock stands still and ids come out as id-1, id-2, … for each `when`. */
export function fixedContext(): DecideContext {
  let n = 0;
  return { now: NOW, newId: () => `id-${++n}` };
}

/** Turns spec events into stored ones with gap-free positions and per-stream versions. */
export function stored(events: readonly SpecEvent[], from = 0, at?: string): StoredEvent[] {
  const versions = new Map<string, number>();
  const placed = events.map((e, i) => {
    const version = (versions.get(e.streamId) ?? 0) + 1;
    versions.set(e.streamId, version);
    const seq = from + i + 1;
    return {
      seq,
      id: `event-${seq}`,
      type: e.type,
      streamId: e.streamId,
      version,
      at: at ?? new Date(GIVEN_START + seq * 60_000).toISOString(),
      schemaVersion: 1,
      payload: e.payload,
      meta: { commandId: `command-${seq}`, correlationId: `command-${seq}`, causationId: null },
      tags: [],
    };
  });
  return chain(GENESIS_HASH, placed);
}

export function fold(events: readonly SpecEvent[], state: ShopState = initialShopState()): ShopState {
  return stored(events).reduce(evolve, state);
}

type Outcome = { ok: true; events: SpecEvent[]; state: ShopState } | { ok: false; error: unknown };

/**
 * given(events).when(command).then(events) — Emmett-style specifications of the shop's deciders.
 * `when` takes raw input, so validation (parseCommand) is part of what is specified.
 */
export function given(...history: SpecEvent[]) {
  const before = fold(history);
  return {
    state: before,
    when(input: unknown) {
      let outcome: Outcome;
      try {
        const decided = decide(before, parseCommand(input), fixedContext());
        const events = decided.map(({ streamId, type, payload }) => ({ streamId, type, payload }) as SpecEvent);
        const after = stored(events, history.length, NOW).reduce(evolve, before);
        outcome = { ok: true, events, state: after };
      } catch (error) {
        outcome = { ok: false, error };
      }
      return {
        /** Expects exactly these events (stream, type, payload) in this order; returns the state they lead to. */
        then(...expected: SpecEvent[]): ShopState {
          if (!outcome.ok) throw new Error(`Expected events but the command was refused: ${String(outcome.error)}`);
          expect(outcome.events).toEqual(expected);
          return outcome.state;
        },
        /** Expects the command to be accepted as a no-op: no events. */
        thenNothing(): void {
          if (!outcome.ok) throw new Error(`Expected no events but the command was refused: ${String(outcome.error)}`);
          expect(outcome.events).toEqual([]);
        },
        /** Expects a DomainError with this code; returns it for further checks of message and details. */
        thenRejects(code: string): DomainError {
          if (outcome.ok) throw new Error(`Expected DomainError ${code} but got ${JSON.stringify(outcome.events)}`);
          expect(outcome.error).toBeInstanceOf(DomainError);
          expect((outcome.error as DomainError).code).toBe(code);
          return outcome.error as DomainError;
        },
        /** Expects a ValidationError naming the field at `path`. */
        thenInvalid(path: string): ValidationError {
          if (outcome.ok) throw new Error(`Expected ValidationError on ${path} but got ${JSON.stringify(outcome.events)}`);
          expect(outcome.error).toBeInstanceOf(ValidationError);
          expect((outcome.error as ValidationError).issues.map((i) => i.path)).toContain(path);
          return outcome.error as ValidationError;
        },
      };
    },
  };
}
