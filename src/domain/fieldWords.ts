import { formatCents } from './money';

/** How a field's name and value read for people: "priceCents" → "price", 1250 → "12.50". */

const isoMoment = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** "2026-03-01T09:30:00.000Z" → "2026-03-01 09:30" (the status bar's and audit log's form). */
export function formatWhen(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

/** "priceCents" → "price", "paidAt" → "paid at", "minimumOrderCents" → "minimum order". */
export function fieldLabel(key: string | number): string {
  if (typeof key === 'number') return `#${key + 1}`;
  return key
    .replace(/Cents$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** A value in words; amounts in cents as money. Objects and lists are summed up, never dumped as JSON. */
export function formatValue(key: string | number, value: unknown): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return typeof key === 'string' && key.endsWith('Cents') ? formatCents(value) : String(value);
  if (typeof value === 'string') return isoMoment.test(value) ? formatWhen(value) : value;
  if (Array.isArray(value)) return value.length === 1 ? '1 entry' : `${value.length} entries`;
  return 'set';
}

/** The fallback sentence for a field no describer knows: "note: none → fragile". */
export function fieldChanged(key: string | number, before: unknown, after: unknown): string {
  const [b, a] = [formatValue(key, before), formatValue(key, after)];
  return b === a ? `${fieldLabel(key)} changed` : `${fieldLabel(key)}: ${b} → ${a}`;
}
