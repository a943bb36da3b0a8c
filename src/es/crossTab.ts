/**
 * Tells other tabs of the same log that it grew, so they fold the new events in, or that its
 * history was replaced as a whole, so they stop writing. A message carries only a position or
 * that fact: the log itself stays the one source of truth.
 */
export class CrossTabSignal {
  private readonly channel: BroadcastChannel | null;

  constructor(name: string, onRemoteAppend: (position: number) => void, onReplaced?: () => void) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`rewind-log:${name}`);
    if (this.channel) {
      this.channel.onmessage = (message: MessageEvent<{ position?: unknown; replaced?: unknown }>) => {
        if (message.data?.replaced === true) onReplaced?.();
        else if (typeof message.data?.position === 'number') onRemoteAppend(message.data.position);
      };
    }
  }

  announceReplaced(): void {
    this.channel?.postMessage({ replaced: true });
  }

  announce(position: number): void {
    this.channel?.postMessage({ position });
  }

  close(): void {
    this.channel?.close();
  }
}
