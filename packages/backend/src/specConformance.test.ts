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

/*
 * The one judge, seen from every server surface: each spec of the shared
 * vectors, SpecMesh's own specs and the bad-spec corpus goes through the
 * CLI (`meshport validate`, as a pipeline runs it), the catalog (the file
 * location processor and the data product processor), the backend
 * (`GET …/desired-state` for the entity the catalog made) and the
 * scaffolder (`specmesh:spec:validate`), which must agree on the verdict
 * and on every error (location, message and fix; each names the spec in its
 * own way).
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  FileLocationDefinitionProcessor,
  SpecmeshAsyncApiProcessor,
} from '@meshport/plugin-catalog-backend-module-specmesh';
import { createSpecmeshSpecValidateAction } from '@meshport/plugin-scaffolder-backend-module-specmesh';
import specmeshPlugin from '@meshport/plugin-specmesh-backend';
import { formatProblem, SpecProblem } from '@meshport/plugin-specmesh-common';
import { LoadedSpec, SpecJudge } from '@meshport/plugin-specmesh-node';
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { parityCases } from './specParity/parityCorpus';

// CI checks the shared contract out beside the repository.
const SHARED = resolve(__dirname, '../../../../shared');
const REPOSITORY = resolve(__dirname, '../../..');
const BAD = join(REPOSITORY, 'plugins/specmesh-node/src/__fixtures__/bad');
const MESHPORT = join(REPOSITORY, 'packages/cli/bin/meshport');

// Every spec is judged by four surfaces on a machine that may be busy.
jest.setTimeout(30 * 60_000);

function specsIn(folder: string, pattern: RegExp): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap(name => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        return name === 'schema' ? [] : specsIn(path, pattern);
      }
      return pattern.test(name) ? [path] : [];
    });
}

const SPECS = [
  ...specsIn(join(SHARED, 'vectors'), /\.asyncapi\.yaml$/),
  ...specsIn(join(SHARED, 'peer-specs'), /\.ya?ml$/),
  ...specsIn(BAD, /\.ya?ml$/),
];

/** A problem as every surface can say it, without the name of the spec. */
function errorOf(problem: SpecProblem): string {
  return formatProblem({ ...problem, file: undefined });
}

/** The errors in `meshport`'s or the catalog's text, without the spec's name. */
function errorsIn(lines: string[]): string[] {
  const errors: string[] = [];
  // A warning's fix line follows it as an error's does: skip both.
  let inError = false;
  for (const line of lines) {
    const at = line.indexOf(': error at ');
    if (at !== -1 && !line.startsWith(' ')) {
      errors.push(line.slice(at + 2));
      inError = true;
    } else if (line.startsWith('    fix: ')) {
      if (inError) errors[errors.length - 1] += `\n${line}`;
    } else {
      inError = false;
    }
  }
  return errors.sort();
}

async function cliErrors(): Promise<Map<string, string[]>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [MESHPORT, 'validate', ...SPECS],
    { maxBuffer: 64 * 1024 * 1024 },
  ).catch(error => error as { stdout: string });
  const bySpec = new Map<string, string[]>(SPECS.map(spec => [spec, []]));
  let current: string[] = [];
  for (const line of stdout.split('\n')) {
    const spec = SPECS.find(s => line.startsWith(`${s}: `));
    if (spec) current = bySpec.get(spec)!;
    current.push(line);
  }
  return new Map([...bySpec].map(([spec, lines]) => [spec, errorsIn(lines)]));
}

function apiEntity(index: number, spec: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: `conformance-${index}`,
      annotations: { 'meshport.dev/data-product': 'true' },
    },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: 'group:default/conformance',
      definition: { $text: `./${basename(spec)}` },
    },
  };
}

/** The catalog's errors, and the entity it stores for the backend. */
async function catalogJudgement(index: number, spec: string) {
  const location: LocationSpec = {
    type: 'file',
    target: join(dirname(spec), 'catalog-info.yaml'),
  };
  const messages: string[] = [];
  const emit = (result: { type: string; error?: Error }) => {
    if (result.type === 'error') messages.push(result.error!.message);
  };
  const read = await new FileLocationDefinitionProcessor({
    dataProducts: 'all',
  }).preProcessEntity(apiEntity(index, spec), location, emit);
  const entity = await new SpecmeshAsyncApiProcessor({
    dataProducts: 'all',
  }).preProcessEntity(read, location, emit);
  return {
    entity,
    errors: errorsIn(messages.flatMap(message => message.split('\n'))),
  };
}

async function scaffolderErrors(spec: string): Promise<string[]> {
  const action = createSpecmeshSpecValidateAction();
  try {
    await action.handler(
      createMockActionContext({
        workspacePath: dirname(spec),
        input: { path: basename(spec) },
      }) as any,
    );
    return [];
  } catch (error) {
    return errorsIn((error as Error).message.split('\n'));
  }
}

describe('one verdict on every surface', () => {
  it('finds the vectors, the peer specs and the bad specs', () => {
    expect(SPECS.filter(s => s.includes('/vectors/')).length).toBeGreaterThan(
      2,
    );
    expect(
      SPECS.filter(s => s.includes('/peer-specs/')).length,
    ).toBeGreaterThan(14);
    expect(SPECS.filter(s => s.startsWith(BAD)).length).toBeGreaterThan(39);
  });

  it('gives each spec the same verdict and errors in the CLI, the catalog, the backend and the scaffolder', async () => {
    const cli = await cliErrors();
    const catalog = await Promise.all(
      SPECS.map((spec, index) => catalogJudgement(index, spec)),
    );

    const { server } = await startTestBackend({
      features: [
        specmeshPlugin,
        catalogServiceMock.factory({
          entities: catalog.map(({ entity }) => entity),
        }),
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });

    const disagreements: string[] = [];
    for (const [index, spec] of SPECS.entries()) {
      const ref = stringifyEntityRef(catalog[index].entity);
      const res = await request(server)
        .get(
          `/api/specmesh/entities/api/default/conformance-${index}/desired-state`,
        )
        .set({ Authorization: mockCredentials.user.header() });
      const backend =
        res.status === 200
          ? (res.body.problems as SpecProblem[])
              .filter(problem => problem.severity === 'error')
              .map(errorOf)
              .sort()
          : [`HTTP ${res.status}: ${JSON.stringify(res.body)}`];
      const surfaces: Record<string, string[]> = {
        cli: cli.get(spec)!,
        catalog: catalog[index].errors,
        backend,
        scaffolder: await scaffolderErrors(spec),
      };
      if (basename(spec) === 'empty.yaml') {
        // An entity whose definition is empty carries no spec for the
        // backend at all: it answers 400 before any judging.
        surfaces.backend = res.status === 400 ? cli.get(spec)! : backend;
      }
      const expected = JSON.stringify(surfaces.cli);
      for (const [surface, errors] of Object.entries(surfaces)) {
        if (JSON.stringify(errors) !== expected) {
          disagreements.push(
            `${spec} (${ref}): ${surface} says ${JSON.stringify(
              errors,
            )}, the CLI ${expected}`,
          );
        }
      }
    }
    expect(disagreements).toEqual([]);
    // The bad specs are bad everywhere, and the vectors good.
    for (const spec of SPECS.filter(s => s.startsWith(BAD))) {
      expect(cli.get(spec)!.length).toBeGreaterThan(0);
    }
    for (const spec of SPECS.filter(s => s.includes('/vectors/'))) {
      expect(cli.get(spec)).toEqual([]);
    }
  });
});

/*
 * The judge's fast path against the AsyncAPI parser, the reference: every
 * corpus spec, and the vectors, some peer specs and generated 2.6 and 3.0
 * specs with every mutation (valid variations and subtle mistakes) and text
 * variant, judged once with the fast path and once with the parser alone.
 * Any difference in the verdict or in a single problem fails.
 */
describe("the fast path gives the parser's verdicts", () => {
  const MUTATION_BASES = [
    ...SPECS.filter(s => s.includes('/vectors/')),
    ...[
      'cli/simple_schema_demo-api.yaml',
      'kafka/bigdatalondon-api.yaml',
      'kafka/schema-ref/com.example.trading-api.yml',
      'cli/examples/references/avro/record.spec.yaml',
    ].map(path => join(SHARED, 'peer-specs/specmesh', path)),
  ];

  it('agrees with the parser on every spec of the corpus and every generated spec', async () => {
    const cases = await parityCases(SPECS, MUTATION_BASES);
    const fast = new SpecJudge({ cacheSize: 0 });
    const parser = new SpecJudge({ cacheSize: 0, strict: true });
    const verdict = (result: LoadedSpec) =>
      JSON.stringify({ valid: !!result.state, problems: result.problems });
    const disagreements: string[] = [];
    let trusted = 0;
    let handedOver = 0;
    for (const spec of cases) {
      const before = { ...fast.stats };
      const quick = await fast.judge(spec);
      const tookFastPath = fast.stats.fastPath > before.fastPath;
      if (fast.stats.parser > before.parser) handedOver++;
      // A spec the fast path handed over was judged by the parser itself:
      // the parser runs once per case, except on the corpus, judged twice.
      if (!tookFastPath && !SPECS.includes(spec.name)) continue;
      if (tookFastPath && !SPECS.includes(spec.name)) trusted++;
      const reference = await parser.judge(spec);
      if (verdict(quick) !== verdict(reference)) {
        disagreements.push(
          `${spec.name}: fast path ${verdict(quick)}, parser ${verdict(
            reference,
          )}`,
        );
      }
    }
    expect(disagreements).toEqual([]);
    // The generated specs exercise both answers: the fast path trusted
    // more than a hundred the parser then agreed with, and handed hundreds
    // over.
    expect(cases.length).toBeGreaterThanOrEqual(600);
    expect(trusted).toBeGreaterThanOrEqual(100);
    expect(handedOver).toBeGreaterThanOrEqual(300);
    expect(parser.stats.fastPath).toBe(0);
    // The valid vectors as they are never need the parser.
    const vectors = SPECS.filter(spec => spec.includes('/vectors/'));
    const check = new SpecJudge({ cacheSize: 0 });
    for (const vector of cases.filter(c => vectors.includes(c.name))) {
      await check.judge(vector);
    }
    expect(check.stats.parser).toBe(0);
    expect(check.stats.fastPath).toBeGreaterThanOrEqual(vectors.length);
  });
});
