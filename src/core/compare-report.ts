import type { Comparison, RuntimeFigures } from './compare.js';

/** How `compare` shows its comparisons: a terminal table, and Markdown with a mermaid chart. */

const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const ms = (x: number | null): string => (x === null ? '—' : `${Math.round(x)} ms`);
const sec = (x: number | null): string => (x === null ? '— (endpoint)' : `${x < 10 ? x.toFixed(1) : Math.round(x)} s`);
const perHour = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(x >= 1e8 ? 0 : 1)}M` : int(x));

interface Row {
  label: string;
  value: (f: RuntimeFigures, c: Comparison) => string;
}

const ROWS: Row[] = [
  { label: 'peak output tokens/s', value: (f) => `${int(f.peakTokensPerS)} @ ${f.peakConcurrency} streams` },
  { label: 'TTFT p50 / p99', value: (f, c) => `${ms(f.ttftP50Ms)} / ${ms(f.ttftP99Ms)} @ ${c.typicalConcurrency}` },
  { label: 'cold start (→ first token)', value: (f) => sec(f.coldStartS) },
  { label: 'tokens per GPU-hour', value: (f) => perHour(f.tokensPerGpuHour) },
  { label: 'failed requests', value: (f) => String(f.errors) },
  { label: 'GPU', value: (f) => `${f.record.gpuCount}× ${f.record.gpuModel}` },
];

function cellTitle(c: Comparison): string {
  return `${c.model} on ${c.gpu}, ${c.precision}, TP ${c.tp}`;
}

export function renderCompareText(comparisons: readonly Comparison[]): string {
  const out: string[] = [];
  for (const c of comparisons) {
    const rows = [['', 'TensorRT-LLM', 'vLLM'], ...ROWS.map((r) => [r.label, c.trtllm ? r.value(c.trtllm, c) : '—', c.vllm ? r.value(c.vllm, c) : '—'])];
    const widths = [0, 1].map((col) => Math.max(...rows.map((r) => r[col]!.length)));
    out.push(`${cellTitle(c)}  (${c.cell})`);
    for (const r of rows) out.push(`  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`.trimEnd());
    out.push(`  verdict: ${c.verdict.headline}`);
    for (const reason of c.verdict.reasons) out.push(`    - ${reason}`);
    for (const caveat of c.caveats) out.push(`  caveat: ${caveat}`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/**
 * A mermaid xychart of output tokens/s against concurrency, one line per runtime. Mermaid's
 * xychart has no legend, so the title names the lines in order.
 */
export function mermaidChart(c: Comparison): string {
  const sides = [c.trtllm, c.vllm].filter((f): f is RuntimeFigures => f !== undefined);
  const xs = [...new Set(sides.flatMap((f) => f.curve.map((p) => p.concurrency)))].sort((a, b) => a - b);
  const top = Math.max(1, ...sides.flatMap((f) => f.curve.map((p) => p.tokensPerS)));
  const names = sides.map((f, i) => `${i === 0 ? 'first' : 'second'} line ${f.runtime === 'trtllm' ? 'TensorRT-LLM' : 'vLLM'}`).join(', ');
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${c.model} ${c.gpu} ${c.precision} TP${c.tp}: output tokens/s (${names})"`,
    `  x-axis "concurrent streams" [${xs.join(', ')}]`,
    `  y-axis "output tokens/s" 0 --> ${Math.ceil((top * 1.1) / 10) * 10}`,
  ];
  // A level one runtime did not measure is drawn at 0 rather than shifting the line.
  for (const f of sides) lines.push(`  line [${xs.map((x) => Math.round(f.curve.find((p) => p.concurrency === x)?.tokensPerS ?? 0)).join(', ')}]`);
  lines.push('```');
  return lines.join('\n');
}

export function renderCompareMarkdown(comparisons: readonly Comparison[]): string {
  const out: string[] = ['## TensorRT-LLM vs vLLM', ''];
  for (const c of comparisons) {
    out.push(`### ${cellTitle(c)}`, '', `\`${c.cell}\``, '');
    out.push('| | TensorRT-LLM | vLLM |', '| --- | --- | --- |');
    for (const r of ROWS) out.push(`| ${r.label} | ${c.trtllm ? r.value(c.trtllm, c) : '—'} | ${c.vllm ? r.value(c.vllm, c) : '—'} |`);
    out.push('', `**Verdict: ${c.verdict.headline}**`, '');
    for (const reason of c.verdict.reasons) out.push(`- ${reason}`);
    for (const caveat of c.caveats) out.push(`- ⚠️ ${caveat}`);
    out.push('', mermaidChart(c), '');
  }
  return out.join('\n').trimEnd() + '\n';
}
