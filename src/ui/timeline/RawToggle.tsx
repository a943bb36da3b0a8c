/** The switch between the shop's words and the raw paths, keys and JSON developers want. */
export function RawToggle({ raw, onChange, label }: { raw: boolean; onChange: (raw: boolean) => void; label: string }) {
  return (
    <label className="raw-toggle">
      <input type="checkbox" role="switch" checked={raw} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}
