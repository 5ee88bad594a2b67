/*
 * Copyright 2026 The Meshport Authors
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
import { judgeSpec } from '@meshport/plugin-specmesh-node';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import yaml from 'yaml';
import { createSpecmeshSpecGrantAction } from './grant';
import { examples } from './grant.examples';

// The shared test vectors live beside the repository: <repo>/../shared.
const VECTORS = resolvePath(__dirname, '../../../../../shared/vectors');
const onboardingSpec = readFileSync(
  resolvePath(VECTORS, '01-onboarding.asyncapi.yaml'),
  'utf8',
);
const schemaFiles = Object.fromEntries(
  readdirSync(resolvePath(VECTORS, 'schema')).map(name => [
    name,
    readFileSync(resolvePath(VECTORS, 'schema', name), 'utf8'),
  ]),
);

type Input = {
  path: string;
  topic: string;
  appId: string;
  action: 'grant' | 'revoke';
};

describe('specmesh:spec:grant', () => {
  const workspace = createMockDirectory();
  const action = createSpecmeshSpecGrantAction();

  function context(input: Partial<Input>) {
    return createMockActionContext<Input>({
      input: input as Input,
      workspacePath: workspace.path,
    });
  }

  function setSpec(path: string) {
    workspace.setContent({
      [path]: onboardingSpec,
      [join(dirname(path), 'schema')]: schemaFiles,
    });
  }

  async function granteesIn(path: string, topic: string) {
    const text = readFileSync(join(workspace.path, path), 'utf8');
    const { state, problems } = await judgeSpec({
      file: path,
      text,
      schemaFiles: Object.fromEntries(
        Object.entries(schemaFiles).map(([n, t]) => [`/schema/${n}`, t]),
      ),
    });
    expect(problems.filter(p => p.severity === 'error')).toEqual([]);
    return state?.grants?.[topic] ?? [];
  }

  it('declares dry-run support and a described input and output', () => {
    expect(action.id).toBe('specmesh:spec:grant');
    expect(action.supportsDryRun).toBe(true);
    const schema = action.schema as any;
    for (const field of ['path', 'topic', 'appId', 'action']) {
      expect(schema.input.properties[field].description).toEqual(
        expect.any(String),
      );
    }
    for (const output of Object.values<any>(schema.output.properties)) {
      expect(output.description).toEqual(expect.any(String));
    }
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example: %s',
    async (_description, example) => {
      const input: Input = yaml.parse(example).steps[0].input;
      const path = input.path ?? 'asyncapi.yaml';
      setSpec(path);
      const before = await granteesIn(path, input.topic);
      expect(before.includes(input.appId)).toBe(input.action === 'revoke');

      const ctx = context(input);
      await action.handler(ctx);

      const after = await granteesIn(path, input.topic);
      expect(after.includes(input.appId)).toBe(input.action === 'grant');
      expect(ctx.output).toHaveBeenCalledWith('changed', true);
      expect(ctx.output).toHaveBeenCalledWith('specPath', path);
      expect(ctx.output).toHaveBeenCalledWith(
        'channel',
        '_protected.purchased',
      );

      // Again: nothing to do, and the file stays as it is.
      const text = readFileSync(join(workspace.path, path), 'utf8');
      const again = context(input);
      await action.handler(again);
      expect(again.output).toHaveBeenCalledWith('changed', false);
      expect(readFileSync(join(workspace.path, path), 'utf8')).toBe(text);
    },
  );

  it('changes only the lines of the grant', async () => {
    setSpec('asyncapi.yaml');
    await action.handler(
      context({
        topic: 'acme.lifestyle.onboarding._protected.purchased',
        appId: 'acme.finance.accounting',
        action: 'grant',
      }),
    );
    const after = readFileSync(join(workspace.path, 'asyncapi.yaml'), 'utf8');
    const removed = onboardingSpec
      .split('\n')
      .filter(l => !after.split('\n').includes(l));
    const added = after
      .split('\n')
      .filter(l => !onboardingSpec.split('\n').includes(l));
    expect(added.join('\n')).toContain('grant-access:acme.finance.accounting');
    expect(added.length).toBeLessThanOrEqual(2);
    expect(removed.length).toBeLessThanOrEqual(1);
  });

  it('refuses a _private topic with the rule and the fix, leaving the file alone', async () => {
    setSpec('asyncapi.yaml');
    await expect(
      action.handler(
        context({
          topic: 'acme.lifestyle.onboarding._private.user_checkout',
          appId: 'acme.finance.accounting',
          action: 'grant',
        }),
      ),
    ).rejects.toThrow(
      /^asyncapi\.yaml: .*_private: private data is never shared \(RULES §3\).* Publish a _protected channel/,
    );
    expect(readFileSync(join(workspace.path, 'asyncapi.yaml'), 'utf8')).toBe(
      onboardingSpec,
    );
  });

  it('refuses a path outside the workspace', async () => {
    await expect(
      action.handler(
        context({
          path: '../../etc/passwd',
          topic: 'a._protected.b',
          appId: 'acme.x',
        }),
      ),
    ).rejects.toThrow(/points outside the workspace/);
  });
});
