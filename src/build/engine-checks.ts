import { copyFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { quote, UserError } from '../errors.js';

/**
 * What the serving side needs of an engine directory, checked before anything is stored:
 * `config.json` names the pinned TensorRT-LLM version and the cell's TP mapping, there is exactly
 * one engine per rank, and the tokenizer sits beside the engines (trtllm-build does not copy it).
 */
export interface EngineExpectation {
  cellId: string;
  trtllmVersion: string;
  tp: number;
}

export async function checkEngineDir(dir: string, expected: EngineExpectation): Promise<void> {
  const where = `${expected.cellId}: trtllm-build's output ${quote(dir)}`;
  let config: { version?: unknown; pretrained_config?: { mapping?: { tp_size?: unknown; world_size?: unknown } } };
  try {
    config = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as typeof config;
  } catch (error) {
    throw new UserError(`${where} has no readable config.json (${(error as Error).message})`);
  }
  if (config.version !== expected.trtllmVersion) {
    throw new UserError(
      `${where}: config.json says TensorRT-LLM ${quote(config.version)} built it, but toolchains.trtllm.version is ${quote(expected.trtllmVersion)}; ` +
        'the toolchain image holds another TensorRT-LLM than the matrix pins (fix toolchains.trtllm.image or .version)',
    );
  }
  const mapping = config.pretrained_config?.mapping;
  const tp = mapping?.tp_size ?? 1;
  const world = mapping?.world_size ?? tp;
  if (tp !== expected.tp || world !== expected.tp) {
    throw new UserError(`${where}: config.json maps tp_size ${quote(tp)} over world_size ${quote(world)}, but the cell is TP ${expected.tp}`);
  }
  const names = await readdir(dir);
  const engines = names.filter((n) => /^rank\d+\.engine$/.test(n)).sort();
  const wanted = Array.from({ length: expected.tp }, (_, r) => `rank${r}.engine`);
  const missing = wanted.filter((n) => !engines.includes(n));
  const extra = engines.filter((n) => !wanted.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    throw new UserError(`${where}: expected one engine per rank (${wanted.join(', ')})${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; unexpected ${extra.join(', ')}` : ''}`);
  }
  if (!names.some((n) => TOKENIZER_REQUIRED.includes(n))) {
    throw new UserError(`${where} has no tokenizer (${TOKENIZER_REQUIRED.join(' or ')})`);
  }
}

/** Files a server needs beside the weights to tokenize and to stop generating. */
export const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer.model', 'tokenizer_config.json', 'special_tokens_map.json', 'generation_config.json', 'vocab.json', 'merges.txt', 'added_tokens.json'];
const TOKENIZER_REQUIRED = ['tokenizer.json', 'tokenizer.model'];

/** Copies the tokenizer files that `from` has into `to` (copies, not links: an artifact's files must live inside it). */
export async function copyTokenizer(from: string, to: string): Promise<string[]> {
  const names = new Set(await readdir(from).catch(() => [] as string[]));
  const copied = TOKENIZER_FILES.filter((n) => names.has(n));
  for (const name of copied) await copyFile(path.join(from, name), path.join(to, name));
  return copied;
}
