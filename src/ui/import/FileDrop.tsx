import { useId, useState, type DragEvent } from 'react';

/** The file input (its label is the accessible name people and tests find it by) and a drop zone around it. */
export function FileDrop({ onFile, disabled }: { onFile: (file: File) => void; disabled: boolean }) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      className={`file-drop${over ? ' over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <label htmlFor={inputId}>Import order history (CSV)</label>
      <input
        id={inputId}
        type="file"
        accept=".csv,text/csv"
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so choosing the same file again reads it again.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
      <p className="muted">…or drop the file here. The “Online Retail” export and its “Online Retail II” form are understood.</p>
    </div>
  );
}
