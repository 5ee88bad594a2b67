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
import { readSpecFile, SpecToJudge } from '@meshport/plugin-specmesh-node';
import { parse, stringify } from 'yaml';
import { generatedV2Spec, generatedV3Spec } from './generatedSpecs';
import { MUTATIONS } from './specMutations';

/** A spec to judge with and without the fast path, named for the report. */
export interface ParityCase extends SpecToJudge {
  name: string;
}

// YAML the judge and the parser's reader could read apart: anchors, aliases
// and merge keys, tags, and the same document as JSON.
function textVariants(base: ParityCase): ParityCase[] {
  const document = parse(base.text);
  if (typeof document !== 'object' || document === null) return [];
  const anchored = stringify({
    'x-defaults': { owner: 'team' },
    ...document,
  }).replace(/^x-defaults:/m, 'x-defaults: &defaults');
  return [
    { ...base, name: `${base.name} as JSON`, text: JSON.stringify(document) },
    {
      ...base,
      name: `${base.name} with an anchor and alias`,
      text: `${anchored}x-again: *defaults\n`,
    },
    {
      ...base,
      name: `${base.name} with a merge key`,
      text: `${anchored}x-merged:\n  <<: *defaults\n  extra: 1\n`,
    },
    {
      ...base,
      name: `${base.name} with a tag`,
      text: base.text.replace(/^(\s+version:\s*)(.*)$/m, '$1!!str $2'),
    },
  ];
}

function mutated(base: ParityCase): ParityCase[] {
  const document = parse(base.text);
  if (typeof document !== 'object' || document === null) return [];
  return Object.entries(MUTATIONS).flatMap(([mutation, apply]) => {
    const result = apply(document);
    return result
      ? [
          {
            ...base,
            name: `${base.name}: ${mutation}`,
            text: stringify(result),
          },
        ]
      : [];
  });
}

/**
 * Every corpus spec as it is, and the mutation bases (the shared vectors, a
 * few peer specs and generated 2.6 and 3.0 specs) with every mutation and
 * text variant that applies to them.
 */
export async function parityCases(
  corpus: string[],
  mutationBases: string[],
): Promise<ParityCase[]> {
  const cases: ParityCase[] = [];
  const read = async (path: string): Promise<ParityCase | undefined> => {
    try {
      return { name: path, ...(await readSpecFile(path)) };
    } catch {
      // Unreadable specs (not a file, too large) never reach the judge.
      return undefined;
    }
  };
  for (const path of corpus) {
    const spec = await read(path);
    if (spec) cases.push(spec);
  }
  const bases: ParityCase[] = [
    {
      name: 'generated 2.6',
      file: 'generated-v2.yaml',
      text: generatedV2Spec(1, 10),
    },
    {
      name: 'generated 3.0',
      file: 'generated-v3.yaml',
      text: generatedV3Spec(2, 3),
    },
  ];
  for (const path of mutationBases) {
    const spec = await read(path);
    if (spec) bases.push(spec);
  }
  for (const base of bases) {
    cases.push(base, ...textVariants(base), ...mutated(base));
  }
  return cases;
}
