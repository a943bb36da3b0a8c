/** Where a file being written goes, and how it is finished or dropped. */
export interface FileTarget {
  write(bytes: Uint8Array): Promise<void> | void;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

type SavePicker = (options: {
  suggestedName: string;
  types: Array<{ description: string; accept: Record<string, string[]> }>;
}) => Promise<{ createWritable(): Promise<{ write(data: Uint8Array): Promise<void>; close(): Promise<void>; abort(): Promise<void> }> }>;

/**
 * A file the user picks (File System Access API: written as it comes, never held whole), or else
 * a download assembled from the pieces. Rejects with an AbortError when the user cancels the picker;
 * must be called from the click itself (the picker needs the user's gesture).
 */
export async function fileTarget(name: string, type: string, extension: string): Promise<FileTarget> {
  const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (picker) {
    const handle = await picker({ suggestedName: name, types: [{ description: 'Rewind history', accept: { [type]: [extension] } }] });
    const writable = await handle.createWritable();
    return { write: (bytes) => writable.write(bytes), finish: () => writable.close(), abort: () => writable.abort() };
  }
  let parts: BlobPart[] = [];
  return {
    write: (bytes) => void parts.push(bytes as Uint8Array<ArrayBuffer>),
    async finish() {
      const url = URL.createObjectURL(new Blob(parts, { type }));
      parts = [];
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.click();
      // The download has read the blob well before this; revoking frees it.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    async abort() {
      parts = [];
    },
  };
}
