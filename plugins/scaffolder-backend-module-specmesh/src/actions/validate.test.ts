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

import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { formatProblem } from '@meshport/plugin-specmesh-common';
import { judgeSpec } from '@meshport/plugin-specmesh-node';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import yaml from 'yaml';
import { createSpecmeshSpecValidateAction } from './validate';
import { examples } from './validate.examples';

// The shared test vectors live beside the repository: <repo>/../shared.
const VECTORS = resolvePath(__dirname, '../../../../../shared/vectors');
const onboardingSpec = readFileSync(
  resolvePath(VECTORS, '01-onboarding.asyncapi.yaml'),
  'utf8',
);
const onboardingTopics: string[] = JSON.parse(
  readFileSync(resolvePath(VECTORS, '01-onboarding.expected.json'), 'utf8'),
).topics.map((t: { name: string }) => t.name);

const schemaFiles = Object.fromEntries(
  readdirSync(resolvePath(VECTORS, 'schema')).map(name => [
    name,
    readFileSync(resolvePath(VECTORS, 'schema', name), 'utf8'),
  ]),
);

const specWithoutId = `asyncapi: '2.5.0'
info:
  title: Nameless
  version: '1.0.0'
channels:
  _public.thing:
    publish:
      message:
        payload:
          type: string
`;

describe('specmesh:spec:validate', () => {
  const workspace = createMockDirectory();
  const action = createSpecmeshSpecValidateAction();

  // Typed as the handler sees it; at run time the scaffolder validates input
  // against the JSON schema without filling defaults, so path may be absent.
  function context(input: { path?: string }) {
    return createMockActionContext<{ path: string }>({
      input: input as { path: string },
      workspacePath: workspace.path,
    });
  }

  it('declares dry-run support and a described input and output', () => {
    expect(action.id).toBe('specmesh:spec:validate');
    expect(action.supportsDryRun).toBe(true);
    const schema = action.schema as any;
    expect(schema.input.properties.path.description).toMatch(/relative/);
    for (const output of Object.values<any>(schema.output.properties)) {
      expect(output.description).toEqual(expect.any(String));
    }
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_description, example) => {
      const input = yaml.parse(example).steps[0].input;
      const specPath: string = input.path ?? 'asyncapi.yaml';
      const specFolder = dirname(specPath);
      workspace.setContent({
        [specPath]: onboardingSpec,
        // The spec's '/schema/…' refs mean the schema folder beside it.
        [join(specFolder, 'schema')]: schemaFiles,
      });
      const ctx = context(input);

      await action.handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith(
        'appId',
        'acme.lifestyle.onboarding',
      );
      expect(ctx.output).toHaveBeenCalledWith(
        'topics',
        expect.arrayContaining(onboardingTopics),
      );
      expect(ctx.output).toHaveBeenCalledWith('warnings', expect.any(Number));
    },
  );

  it("fails with the rule engine's messages when the spec has errors", async () => {
    workspace.setContent({ 'asyncapi.yaml': specWithoutId });
    const ctx = context({});

    const { problems } = await judgeSpec({
      file: 'asyncapi.yaml',
      text: specWithoutId,
    });
    const errors = problems
      .filter(p => p.severity === 'error')
      .map(formatProblem);
    expect(errors.length).toBeGreaterThan(0);

    await expect(action.handler(ctx)).rejects.toThrow(
      `asyncapi.yaml breaks the SpecMesh rules:\n${errors.join('\n')}`,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('names the missing file and the fix', async () => {
    workspace.setContent({});
    await expect(
      action.handler(context({ path: 'nope.yaml' })),
    ).rejects.toThrow(
      /^Cannot read the spec file nope\.yaml: .*ENOENT.*\. Fetch the template first, or set input path to the spec's location$/,
    );
  });

  it('refuses a path outside the workspace', async () => {
    await expect(
      action.handler(context({ path: '../../etc/passwd' })),
    ).rejects.toThrow(
      "Input path '../../etc/passwd' points outside the workspace: give the spec's path relative to the workspace",
    );
  });
});
