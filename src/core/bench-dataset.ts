/**
 * The prompts a benchmark sends, pure: a seeded synthetic set (the same seed gives the same
 * prompts on every runner, so two runtimes see identical traffic) or prompts given by the user.
 */

export interface BenchPrompt {
  readonly prompt: string;
  /** Output tokens asked for (`max_tokens`, with `ignore_eos` so the server produces all of them). */
  readonly maxTokens: number;
}

/** `vllm bench serve --dataset-name random`'s defaults (1024 in, 128 out), fitted into the model's limits. */
export function defaultLengths(limits: { maxInputLen: number; maxSeqLen: number }): { inputLen: number; outputLen: number } {
  const inputLen = Math.max(1, Math.min(1024, limits.maxInputLen, limits.maxSeqLen - 1));
  const outputLen = Math.max(1, Math.min(128, limits.maxSeqLen - inputLen));
  return { inputLen, outputLen };
}

// Short common words: about one token each in the Llama, Qwen and GPT tokenizers, so a prompt of
// N words is about N tokens. The server's usage count is what the figures use, never this guess.
const WORDS = (
  'the of and to in is was for on as with by at from his her they this that which are were be have had not but ' +
  'all one two new time year day way man world life hand part child eye place work week case point home water room ' +
  'number night fact book word side kind head house area money story month right study game line name city'
).split(' ');

/** A small, fast, seedable PRNG (mulberry32): good enough to vary prompts, and portable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` prompts of about `inputLen` tokens, each asking for exactly `outputLen` tokens. Each
 * prompt opens with its index so no two share a prefix cache entry beyond the first word.
 */
export function syntheticPrompts(opts: { count: number; inputLen: number; outputLen: number; seed: number }): BenchPrompt[] {
  const next = rng(opts.seed);
  const prompts: BenchPrompt[] = [];
  for (let i = 0; i < opts.count; i++) {
    const words = [`${i}`];
    while (words.length < opts.inputLen) words.push(WORDS[Math.floor(next() * WORDS.length)]!);
    prompts.push({ prompt: words.join(' '), maxTokens: opts.outputLen });
  }
  return prompts;
}

/**
 * Prompts from JSONL text: one object per line with `prompt` (string) and optionally `max_tokens`
 * (whole number ≥ 1; else `outputLen`). Blank lines are skipped. Problems name `file:line`.
 */
export function parsePromptsJsonl(text: string, file: string, outputLen: number): { prompts: BenchPrompt[]; problems: string[] } {
  const prompts: BenchPrompt[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push(`${where}: not JSON: ${(error as Error).message}`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${where}: expected an object like {"prompt": "…"}, got ${line.slice(0, 60)}`);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.prompt !== 'string' || record.prompt === '') {
      problems.push(`${where} prompt: must be a non-empty string (got ${JSON.stringify(record.prompt) ?? 'nothing'})`);
      return;
    }
    const max = record.max_tokens ?? outputLen;
    if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1) {
      problems.push(`${where} max_tokens: must be a whole number ≥ 1 (got ${JSON.stringify(max)})`);
      return;
    }
    prompts.push({ prompt: record.prompt, maxTokens: max });
  });
  if (prompts.length === 0 && problems.length === 0) problems.push(`${file}: no prompts (expected one JSON object per line)`);
  return { prompts, problems };
}
