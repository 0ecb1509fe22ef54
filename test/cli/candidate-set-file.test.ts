import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, parseArgs } from '../../src/cli/args';
import { runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'nas-set-file-'));

function setFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('--candidate-set file', () => {
  const rejected: [string, string, RegExp][] = [
    ['null', 'null', /^Invalid candidate set file ".*null\.json": the file contains null\. It must be an object with a "layers" list, such as \{"layers": \[\{"kind": "dense", "params": \{"units": \[8, 16\]\}\}\]\}\.$/],
    ['a list', '[]', /a-list\.json": the file contains a list\. It must be an object with a "layers" list/],
    ['no layers', '{}', /no-layers\.json": "layers" is missing\. It must be a list of layer entries/],
    ['layers as a string', '{"layers":"dense"}', /layers-as-a-string\.json": "layers" is a string \("dense"\)\. It must be a list of layer entries, such as \[\{"kind": "dense", "params": \{"units": \[8, 16\]\}\}\]\.$/],
    ['a null entry', '{"layers":[null]}', /a-null-entry\.json": layers\[0\] is null\. It must be an object with a "kind" string and a "params" object\.$/],
    ['no params', '{"layers":[{"kind":"conv2d"}]}', /no-params\.json": layers\[0\]\.params is missing\. It must be an object of value lists, such as \{"units": \[8, 16\]\}, or \{\} for conv2d's defaults\.$/],
    ['a number kind', '{"layers":[{"kind":3,"params":{}}]}', /layers\[0\]\.kind is a number \(3\)\. It must be a layer kind: dense, /],
    ['an unknown kind', '{"layers":[{"kind":"dense","params":{}},{"kind":"conv3d","params":{}}]}', /layers\[1\]\.kind "conv3d" is not a layer kind\. Use one of: dense, /],
    ['a value not in a list', '{"layers":[{"kind":"dense","params":{"units":8}}]}', /layers\[0\]\.params\.units is a number \(8\)\. It must be a list of values, such as \[8\]\.$/],
    ['a null value', '{"layers":[{"kind":"dense","params":{"units":[8,null]}}]}', /layers\[0\]\.params\.units\[1\] is null\. It must be a number, a string or true or false\.$/],
    ['an unknown entry key', '{"layers":[{"kind":"dense","param":{}}]}', /layers\[0\] has the unknown key "param"\. An entry takes only "kind" and "params"\.$/],
    ['an unknown top key', '{"layers":[],"maxdepth":2}', /the unknown key "maxdepth"\. The file takes only "layers" and "maxDepth"\.$/],
    ['a bad max depth', '{"layers":[{"kind":"dense","params":{}}],"maxDepth":0}', /"maxDepth" is a number \(0\)\. It must be a whole number from 1 to 8\.$/],
    ['an unknown parameter', '{"layers":[{"kind":"dense","params":{"size":[8]}}]}', /^Invalid candidate set file ".*": The candidate set gives dense an unknown parameter "size"; it accepts units/],
    ['an empty set', '{"layers":[]}', /^Invalid candidate set file ".*": The candidate set is empty/],
  ];
  for (const [name, text, message] of rejected) {
    it(`rejects ${name}`, () => {
      const path = setFile(`${name.replaceAll(' ', '-')}.json`, text);
      expect(() => parseArgs(['--candidate-set', path])).toThrow(UsageError);
      expect(() => parseArgs(['--candidate-set', path])).toThrow(message);
    });
  }

  it('accepts a set without maxDepth', () => {
    const path = setFile('valid.json', '{"layers":[{"kind":"dense","params":{"units":[4,8],"activation":["relu"]}},{"kind":"flatten","params":{}}]}');
    expect(parseArgs(['--task', 'sin', '--candidate-set', path]).config.search.candidateSet.layers).toHaveLength(2);
  });

  it('exits with status 2 and no stack trace', () => {
    const path = setFile('cli-null.json', 'null');
    const { status, stderr } = runCli(['--candidate-set', path]);

    expect(status).toBe(2);
    expect(stderr).toMatch(/Invalid candidate set file ".*cli-null\.json": the file contains null\./);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
