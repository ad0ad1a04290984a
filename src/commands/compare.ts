import { compareAll } from '../core/compare.js';
import { renderCompareMarkdown, renderCompareText } from '../core/compare-report.js';
import { UserError } from '../errors.js';
import { readBenchRecordsUnder } from '../store/bench-records.js';
import { openStore } from '../store/open.js';
import type { CommandContext, CommandResult } from './context.js';

/**
 * `compare`: TensorRT-LLM vs vLLM per cell from the benchmark records in the store, with a verdict
 * by the seed article's criteria. Inputs `model`, `gpu`, `precision` and `tp` narrow the cells.
 */
export async function compareCommand({ settings }: CommandContext): Promise<CommandResult> {
  const filter = {
    model: settings.string('model'),
    gpu: settings.string('gpu'),
    precision: settings.string('precision'),
    tp: settings.string('tp') === undefined ? undefined : settings.int('tp', 1, { min: 1, max: 64 }),
  };
  const store = await openStore(settings);
  const all = await readBenchRecordsUnder(store);
  const records = all.filter((r) => (filter.model === undefined || r.model === filter.model) && (filter.gpu === undefined || r.gpu === filter.gpu) && (filter.precision === undefined || r.precision === filter.precision) && (filter.tp === undefined || r.tp === filter.tp));
  if (records.length === 0) {
    const narrowed = Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]) => `${k} ${String(v)}`);
    throw new UserError(
      `compare: no benchmarks in ${store.location}${narrowed.length > 0 ? ` for ${narrowed.join(', ')}${all.length > 0 ? ` (${all.length} records of other cells)` : ''}` : ''}: ` +
        "run command 'bench' with input 'cell' (one entry of plan's 'engines' output) on a GPU runner first; it stores its records beside the artifacts",
    );
  }
  const comparisons = compareAll(records);
  const markdown = renderCompareMarkdown(comparisons);
  const verdicts = comparisons.map((c) => ({ cell: c.cell, pick: c.verdict.pick ?? null, verdict: c.verdict.headline }));
  return {
    outputs: { report: markdown, verdicts: JSON.stringify(verdicts) },
    summary: markdown,
    text: renderCompareText(comparisons),
    json: { comparisons: comparisons.map((c) => ({ ...c, trtllm: c.trtllm && { ...c.trtllm, record: c.trtllm.record.key }, vllm: c.vllm && { ...c.vllm, record: c.vllm.record.key } })) },
  };
}
