/**
 * Tells other tabs of the same log that it grew, so they fold the new events in. The message
 * carries only a position: the log itself stays the one source of truth.
 */
export class CrossTabSignal {
  private readonly channel: BroadcastChannel | null;

  constructor(name: string, onRemoteAppend: (position: number) => void) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`rewind-log:${name}`);
    if (this.channel) {
      this.channel.onmessage = (message: MessageEvent<{ position?: unknown }>) => {
        if (typeof message.data?.position === 'number') onRemoteAppend(message.data.position);
      };
    }
  }

  announce(position: number): void {
    this.channel?.postMessage({ position });
  }

  close(): void {
    this.channel?.close();
  }
}
