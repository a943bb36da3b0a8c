import type { ReadProgress } from '../../importing';
import { countOf, formatCount } from '../../domain';

const count = formatCount;
export const megabytes = (bytes: number) => `${(bytes / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

/** Reading: rows so far and bytes of the file consumed. */
export function ReadingProgress({
  progress,
  totalBytes,
  onCancel,
}: {
  progress: ReadProgress | null;
  totalBytes: number;
  onCancel: () => void;
}) {
  const rows = progress?.rows ?? 0;
  const bytes = progress?.bytesRead ?? 0;
  const text = `${count(rows)} rows, ${megabytes(bytes)} of ${megabytes(totalBytes)}${progress && progress.pass > 1 ? ' (second pass, day first)' : ''}`;
  return (
    <div className="import-progress">
      <progress max={Math.max(totalBytes, 1)} value={bytes} aria-label="Reading the file" aria-valuetext={text} />
      <span role="status">Reading: {text}</span>
      <button className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** Writing: events handed to the log so far; kept only if all of them make it. */
export function WritingProgress({ written, total, onCancel }: { written: number; total: number; onCancel: () => void }) {
  const text = total === 0 ? 'Preparing the events…' : `${count(written)} of ${countOf(total, 'event')} written`;
  return (
    <div className="import-progress">
      <progress max={Math.max(total, 1)} value={written} aria-label="Import progress" aria-valuetext={text} />
      <span role="status">{text}</span>
      <button className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
