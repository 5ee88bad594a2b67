/*
 * Copyright 2025 The Meshport Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { createHostileSpecCorpus, OUTSIDE_SECRET } from '@meshport/dev-infra';
import { ExitCode } from './exitCodes';
import { runMeshport } from './program';

// The AsyncAPI parser's first run takes seconds on a busy machine.
jest.setTimeout(120_000);

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runMeshport(args, {
    stdout: text => (stdout += text),
    stderr: text => (stderr += text),
  });
  return { code, stdout, stderr };
}

describe('meshport on hostile specs', () => {
  const corpus = createHostileSpecCorpus();
  afterAll(() => corpus.remove());

  it.each(corpus.specs.map(spec => [spec.name, spec] as const))(
    'validate and desired --json reject %s, naming the spec and why, printing nothing of outside files',
    async (_, { spec, message }) => {
      const validate = await run('validate', spec);
      expect(validate.code).toBe(ExitCode.InvalidSpec);
      expect(validate.stdout).toContain(`${spec}: error at `);
      expect(validate.stdout).toContain(message);
      expect(validate.stdout).toContain(`✖ ${spec}: `);

      const desired = await run('desired', '--json', spec);
      expect(desired.code).toBe(ExitCode.InvalidSpec);
      expect(desired.stdout).toBe('');
      expect(desired.stderr).toContain(message);

      for (const output of [validate, desired]) {
        expect(output.stdout + output.stderr).not.toContain(OUTSIDE_SECRET);
      }
    },
  );

  it('exits 2 for a spec file that is not a regular file', async () => {
    const { code, stderr } = await run('validate', '/dev/zero');
    expect(code).toBe(ExitCode.UnreadableInput);
    expect(stderr).toContain('The spec file /dev/zero is not a regular file');
  });
});
