/**
 * Matrix mistakes whose message used to mislead: each names the key at its line and says what to
 * change, in the words of the YAML the user wrote.
 */
import { describe, expect, it } from 'vitest';
import { parseMatrix } from '../src/core/parse.js';
import { baseMatrix, REV_A, yamlOf } from './support/matrix.js';

type M = ReturnType<typeof baseMatrix>;
const text = (edit: (m: M) => void = () => {}) => {
  const m = baseMatrix();
  edit(m);
  return yamlOf(m);
};
/** The 1-based line of the first line of `yaml` matching `pattern`. */
const lineOf = (yaml: string, pattern: RegExp) => yaml.split('\n').findIndex((l) => pattern.test(l)) + 1;

describe('backend: tensorrt with a TensorRT-LLM that no longer has it', () => {
  it('is an error at the toolchain version line, not a plan of unsupported cells', () => {
    const yaml = text((m) => void (m.toolchains.trtllm = { version: '1.3.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.3.0', backend: 'tensorrt' }));
    const result = parseMatrix('m.yml', yaml);
    expect(result.matrix).toBeUndefined();
    expect(result.problems).toEqual([
      `m.yml:${lineOf(yaml, /^\s+version: 1\.3\.0$/)}:14 toolchains.trtllm.version: backend 'tensorrt' was removed after TensorRT-LLM 1.3.0rc20: pin version ≤ 1.3.0rc20, or use backend 'pytorch' (got '1.3.0')`,
    ]);
  });

  it('1.3.0rc20 and older still build engines; pytorch takes any version', () => {
    for (const version of ['1.3.0rc20', '1.3.0rc3', '1.2.0']) {
      expect(parseMatrix('m.yml', text((m) => void (m.toolchains.trtllm = { version, image: 'x', backend: 'tensorrt' }))).problems).toEqual([]);
    }
    expect(parseMatrix('m.yml', text((m) => void (m.toolchains.trtllm = { version: '1.4.0', image: 'x', backend: 'pytorch' }))).problems).toEqual([]);
  });

  it('a version that is not PEP 440 cannot be checked, so it is refused with the tensorrt backend', () => {
    const result = parseMatrix('m.yml', text((m) => void (m.toolchains.trtllm = { version: 'latest', image: 'x', backend: 'tensorrt' })));
    expect(result.problems[0]).toMatch(/toolchains\.trtllm\.version: must be a PEP 440 version such as 1\.3\.0rc20, to tell whether it still has backend 'tensorrt' \(got 'latest'\)/);
  });
});

describe('a revision YAML reads as a number', () => {
  it.each([
    ['all digits', '6000000000000000000000000000000000000000'],
    ['digits with one e', '1234567890123456789012345678901234566e17'],
    ['leading zeros', '0123456789012345678901234567890123456789'],
  ])('%s: says to quote it, at its line, with the text as written', (_name, sha) => {
    const yaml = text().replace(REV_A, sha);
    const result = parseMatrix('m.yml', yaml);
    const line = lineOf(yaml, new RegExp(`revision: ${sha}`));
    expect(result.problems).toEqual([`m.yml:${line}:15 models.llama-3.1-8b.revision: YAML read this as a number: quote it, as in revision: "${sha}"`]);
    expect(parseMatrix('m.yml', text().replace(REV_A, `"${sha}"`)).problems).toEqual([]);
  });

  it('a number that quoting would not fix keeps the field\'s own message, showing the text as written', () => {
    const yaml = text().replace(REV_A, '1.10');
    expect(parseMatrix('m.yml', yaml).problems[0]).toMatch(/models\.llama-3\.1-8b\.revision: must be a full 40-character commit SHA \(got '1\.10'\)$/);
  });
});

describe('a quoted number', () => {
  it('tp: "2" says it is a string', () => {
    const yaml = text((m) => void (m.matrix.include = [{ gpu: 'h100', tp: 4 }])).replace(/tp: 4/, 'tp: "4"').replace(/^( {4}- )2$/m, '$1"2"');
    const problems = parseMatrix('m.yml', yaml).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^m\.yml:\d+:\d+ matrix\.tp\[1\]: is a string, not a number: remove the quotes \(got "2"\)$/),
      expect.stringMatching(/^m\.yml:\d+:\d+ matrix\.include\[0\]\.tp: is a string, not a number: remove the quotes \(got "4"\)$/),
    ]);
  });

  it('a quoted word stays a type error', () => {
    const yaml = text().replace(/^( {4}- )2$/m, '$1"two"');
    expect(parseMatrix('m.yml', yaml).problems[0]).toMatch(/matrix\.tp\[1\]: must be a whole number of GPUs ≥ 1 \(got 'two'\)/);
  });
});

describe('a GPU family typo under gpus', () => {
  it('never suggests the value it was given', () => {
    // gpus.h10 is the typo; matrix.gpu still names h100.
    const yaml = text((m) => {
      m.gpus.h10 = m.gpus.h100!;
      delete m.gpus.h100;
    });
    const problems = parseMatrix('m.yml', yaml).problems;
    expect(problems.join('\n')).not.toMatch(/did you mean 'h100'\?\) \(got 'h100'\)/);
    expect(problems).toEqual([
      expect.stringMatching(/gpus\.h10: unknown GPU family \(did you mean 'h100'\?\); built-in families are/),
      expect.stringMatching(/matrix\.gpu\[0\]: GPU family is not defined under gpus; h100 is built in: add it under gpus with its runs-on labels \(or is gpus\.h10 a typo of it\?\) \(got 'h100'\)$/),
    ]);
  });
});
