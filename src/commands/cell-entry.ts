import { deriveCells, type EngineCell } from '../core/cells.js';
import { UserError, quote } from '../errors.js';
import type { Settings } from '../inputs.js';
import type { LoadedMatrix } from '../matrix-file.js';

/** The `cell` input as given: a JSON entry of a plan job list (parsed), or a bare id (trimmed). */
export function cellEntryValue(settings: Settings, raw: string): unknown {
  return raw.trim().startsWith('{') ? settings.json('cell') : raw.trim();
}

/**
 * The matrix's engine cells with these ids, in their order. A cell the matrix no longer has means
 * the plan is stale; with `buildable`, an unsupported cell is refused with its reason.
 */
export function engineCellsById(loaded: LoadedMatrix, ids: readonly string[], { buildable = true } = {}, engines: readonly EngineCell[] = deriveCells(loaded.matrix).engines): EngineCell[] {
  return ids.map((id) => {
    const cell = engines.find((c) => c.id === id);
    if (!cell) throw new UserError(`cell ${quote(id)} is not in ${quote(loaded.file)}; was the matrix changed since the plan ran?`);
    if (buildable && cell.unsupported) throw new UserError(`cell ${quote(id)} cannot be built: ${cell.unsupported}`);
    return cell;
  });
}
