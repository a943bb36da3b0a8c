import type { Figure } from './stats';

export type Unit = 'ms' | 'events/s' | 'rows/s' | 'MB' | 'KB';

export interface Measured {
  figure: Figure;
  unit: Unit;
}

/** One line of the results table: a metric, Rewind's figure, its baseline's, and the goal. */
export interface ResultRow {
  metric: string;
  /** Events in the log the metric ran over, when that matters. */
  size: number | null;
  rewind: Measured | null;
  baseline: { label: string; value: Measured | null } | null;
  /** Rewind against the baseline, worded the way the goal is (e.g. "0.62× raw", "41× faster"). */
  ratio: { value: number; text: string } | null;
  goal: string;
  /** null: not judged (the goal is stated for another size, or the figure could not be measured). */
  met: boolean | null;
  note?: string;
}

export interface Machine {
  os: string;
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  loadAverage: number[];
}

export interface Results {
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  machine: Machine;
  browser: string;
  config: Record<string, unknown>;
  rows: ResultRow[];
  /** Figures worth knowing that have no goal (generation rate, build times, …). */
  extras: string[];
}

const grouped = (n: number, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'ms':
      return value >= 100 ? `${grouped(value)} ms` : `${grouped(value, value >= 10 ? 1 : 2)} ms`;
    case 'events/s':
    case 'rows/s':
      return `${grouped(value)} ${unit}`;
    case 'MB':
      return `${grouped(value, 1)} MB`;
    case 'KB':
      return `${grouped(value, 1)} KB`;
  }
}

export function formatMeasured({ figure, unit }: Measured): string {
  const main = formatValue(figure.median, unit);
  if (figure.n === 1) return `${main} (n=1)`;
  const bare = (v: number) => formatValue(v, unit).replace(` ${unit}`, '');
  return `${main} (${bare(figure.min)}–${bare(figure.max)}, n=${figure.n})`;
}

const sizeLabel = (size: number | null) => (size === null ? '' : ` @ ${grouped(size)} events`);

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderMarkdown(results: Results, closingNote: string | null): string {
  const lines: string[] = [];
  const { machine } = results;
  lines.push('# Rewind benchmarks', '');
  lines.push(
    `Run ${results.startedAt} → ${results.finishedAt} (${grouped(results.durationSeconds / 60, 1)} min), written by \`npm run bench\` (tests/bench).`,
    '',
  );
  lines.push(
    `- Machine: ${machine.os}; ${machine.cpu}, ${machine.cores} cores; ${grouped(machine.memoryGb, 1)} GB RAM; Node ${machine.node}`,
  );
  lines.push(`- Load average at start (1, 5, 15 min): ${machine.loadAverage.map((l) => l.toFixed(2)).join(', ')}`);
  lines.push(`- Browser: ${results.browser}, headless, real IndexedDB`);
  lines.push(
    `- Settings: ${Object.entries(results.config)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
      .join('; ')}`,
  );
  lines.push('- Each figure: median of the repetitions, (min – max, n).', '');
  lines.push('| metric | Rewind | baseline | ratio | goal | met? |', '|---|---|---|---|---|---|');
  for (const row of results.rows) {
    const rewind = row.rewind ? formatMeasured(row.rewind) : 'not measured';
    const baseline = row.baseline
      ? `${row.baseline.label}: ${row.baseline.value ? formatMeasured(row.baseline.value) : 'not measured'}`
      : '—';
    const ratio = row.ratio ? row.ratio.text : '—';
    const met = row.met === null ? 'n/a' : row.met ? 'yes' : '**NO**';
    const metric = `${row.metric}${sizeLabel(row.size)}${row.note ? ` — ${row.note}` : ''}`;
    lines.push(`| ${[metric, rewind, baseline, ratio, row.goal, met].map(cell).join(' | ')} |`);
  }
  lines.push('', '## Other figures from the same run', '');
  for (const extra of results.extras) lines.push(`- ${extra}`);
  if (closingNote) lines.push('', closingNote.trim());
  lines.push('');
  return lines.join('\n');
}
