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
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  ClusterConfig,
  readClusterConfig,
} from '@meshport/plugin-specmesh-node';
import { parse } from 'yaml';
import { UnreadableInputError } from '../io';
import { substituteEnv } from './substituteEnv';

/**
 * Reads a cluster file: YAML or JSON holding one cluster, the shape of one
 * `specmesh.clusters` entry of the portal's configuration (name, brokers, sasl,
 * schemaRegistry, principals, defaultCompatibility, allowDeletion…). `${NAME}`
 * in a value is replaced with the environment variable, for secrets. Relative
 * PEM file paths (`ssl.caFile`…) are relative to the cluster file's directory.
 * Warnings (e.g. `rejectUnauthorized: false`) go to `warn`, by default stderr.
 *
 * Every problem is an {@link UnreadableInputError} naming the file and the field.
 */
export async function readClusterFile(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: { warn?: (message: string) => void } = {},
): Promise<ClusterConfig> {
  const warn =
    options.warn ??
    ((message: string) => process.stderr.write(`Warning: ${message}\n`));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UnreadableInputError(
      `Cannot read the cluster file ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }

  let document: unknown;
  try {
    // JSON is YAML too.
    document = parse(text);
  } catch (error) {
    throw new UnreadableInputError(
      `The cluster file ${file} is not valid YAML or JSON: ${withoutExcerpt(
        (error as Error).message,
      )}`,
      { cause: error },
    );
  }
  if (typeof document !== 'object' || document === null) {
    throw new UnreadableInputError(
      `The cluster file ${file} must hold one cluster as a map (name, brokers, schemaRegistry.url, …), like one entry of specmesh.clusters.`,
    );
  }
  if (Array.isArray(document)) {
    throw new UnreadableInputError(
      `The cluster file ${file} holds a list; it must hold one cluster as a map (name, brokers, schemaRegistry.url, …). Keep one entry.`,
    );
  }

  const { value, missing } = substituteEnv(document, env);
  if (missing.length > 0) {
    throw new UnreadableInputError(
      `The cluster file ${file} uses ${missing
        .map(({ field, name }) => `\${${name}} in ${field}`)
        .join(', ')}, but the environment does not set ${
        missing.length === 1 ? 'it' : 'them'
      }. Export the variable${missing.length === 1 ? '' : 's'} first.`,
    );
  }

  try {
    return readClusterConfig(
      new ConfigReader(
        value as ConstructorParameters<typeof ConfigReader>[0],
        file,
      ),
      { baseDir: dirname(file), logger: { warn } },
    );
  } catch (error) {
    const message = (error as Error).message;
    const fix = message.startsWith('Missing required config value')
      ? '. A cluster needs at least name, brokers and schemaRegistry.url'
      : '';
    throw new UnreadableInputError(
      `The cluster file ${file} is invalid: ${message}${fix}`,
      { cause: error },
    );
  }
}

/**
 * The parser's message without the excerpt of the file it ends with: a
 * cluster file holds secrets, and the line and column say where to look.
 */
function withoutExcerpt(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}
