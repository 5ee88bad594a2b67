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
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Input, Parser } from '@asyncapi/parser';
import {
  computeDesiredState,
  DesiredStateResult,
  parseSpecText,
  PrincipalMap,
  SpecProblem,
} from '@meshport/plugin-specmesh-common';
import { LruCache } from './LruCache';
import { replaceExternalRefs } from './externalRefs';
import { problemsFromDiagnostics } from './parserDiagnostics';
import { readSchemaFiles, SchemaRefBase } from './schemaFiles';

/**
 * Options for loading one spec.
 *
 * @public
 */
export interface LoadSpecOptions {
  principalMap?: PrincipalMap;
  /** Grant the owner `IDEMPOTENT_WRITE` on the cluster (default `true`). */
  idempotentWrite?: boolean;
  /** The folder a leading `/` in schema refs means; the spec's folder by default. */
  schemaRoot?: string;
}

/**
 * Options for loading a spec from text.
 *
 * @public
 */
export interface LoadSpecTextOptions extends LoadSpecOptions {
  /** The spec's file, named in problems. */
  file?: string;
  /** The folder relative schema refs resolve against; the file's folder, else the working directory. */
  baseDir?: string;
}

/**
 * A loaded spec: its desired state when valid, its problems, and the parsed
 * document. Results may be shared through the cache: treat them as read-only.
 *
 * @public
 */
export type LoadedSpec = DesiredStateResult & { document?: unknown };

/**
 * Options of {@link SpecLoader}.
 *
 * @public
 */
export interface SpecLoaderOptions {
  /** How many results to keep, keyed by the spec's and its schema files' content; 0 disables the cache. Default 500. */
  cacheSize?: number;
}

interface ParsedText {
  document?: unknown;
  problems: SpecProblem[];
  /** What to hand the AsyncAPI parser: the text itself when nothing was replaced. */
  parserInput: Input;
  externalRefs: string[];
}

const DEFAULT_CACHE_SIZE = 500;
const SUPPORTED_ASYNCAPI = /^[23]\.\d+\.\d+$/;

/**
 * Loads AsyncAPI specs (2.x and 3.0) into desired state: validates them with the
 * AsyncAPI parser, resolves SpecMesh-style schema refs against the spec's folder,
 * and applies the rule book. One parser serves every load; results are cached
 * by content, so an unchanged spec costs a hash and a few small file reads.
 *
 * @public
 */
export class SpecLoader {
  private readonly parser = new Parser({ ruleset: { recommended: false } });
  private readonly parsedTexts: LruCache<string, ParsedText>;
  private readonly results: LruCache<string, LoadedSpec>;

  constructor(options: SpecLoaderOptions = {}) {
    const size = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    this.parsedTexts = new LruCache(size);
    this.results = new LruCache(size);
  }

  /**
   * Loads a spec file. Rejects when the file itself cannot be read; every
   * problem inside it is reported in the result.
   */
  async loadFile(
    path: string,
    options: LoadSpecOptions = {},
  ): Promise<LoadedSpec> {
    const file = resolve(path);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(
        `Cannot read the spec file ${path}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return this.loadText(text, {
      ...options,
      file: path,
      baseDir: dirname(file),
    });
  }

  /** Loads a spec from its text. */
  async loadText(
    text: string,
    options: LoadSpecTextOptions = {},
  ): Promise<LoadedSpec> {
    const textHash = hash(text);
    const parsed = this.parseText(text, textHash, options.file);
    if (parsed.document === undefined) return { problems: parsed.problems };

    const baseDir =
      options.baseDir ??
      (options.file ? dirname(resolve(options.file)) : process.cwd());
    const base: SchemaRefBase = {
      baseDir,
      schemaRoot: options.schemaRoot ?? baseDir,
    };
    const schemaFiles = await readSchemaFiles(parsed.externalRefs, base);

    const resultKey = resultCacheKey(textHash, base, options, schemaFiles);
    const cached = this.results.get(resultKey);
    if (cached) return cached;

    const result = await this.evaluate(parsed, schemaFiles, options);
    this.results.set(resultKey, result);
    return result;
  }

  private parseText(
    text: string,
    textHash: string,
    file: string | undefined,
  ): ParsedText {
    const key = `${file ?? ''}\u0000${textHash}`;
    const cached = this.parsedTexts.get(key);
    if (cached) return cached;
    const { document, problems } = parseSpecText(text, file);
    const { document: replaced, externalRefs } = replaceExternalRefs(document);
    const parsed: ParsedText = {
      document,
      problems,
      parserInput: externalRefs.length === 0 ? text : (replaced as Input),
      externalRefs,
    };
    this.parsedTexts.set(key, parsed);
    return parsed;
  }

  private async evaluate(
    parsed: ParsedText,
    schemaFiles: Record<string, string>,
    options: LoadSpecTextOptions,
  ): Promise<LoadedSpec> {
    const { state, problems } = computeDesiredState(parsed.document, {
      file: options.file,
      principalMap: options.principalMap,
      schemaFiles,
      idempotentWrite: options.idempotentWrite,
    });
    const allProblems = [...parsed.problems, ...problems];
    if (isAsyncApiShaped(parsed.document)) {
      const { diagnostics } = await this.parser.parse(parsed.parserInput);
      const reported = new Set(
        problems
          .filter(problem => problem.severity === 'error')
          .map(problem => problem.location),
      );
      for (const problem of problemsFromDiagnostics(
        diagnostics,
        options.file,
      )) {
        if (!isWithinReported(problem.location, reported))
          allProblems.push(problem);
      }
    }
    const valid = !allProblems.some(problem => problem.severity === 'error');
    return valid && state
      ? { state, problems: allProblems, document: parsed.document }
      : { problems: allProblems, document: parsed.document };
  }
}

// The parser explains nothing useful about documents that are not AsyncAPI 2 or
// 3 at all; the rule engine already said so in plain words.
function isAsyncApiShaped(document: unknown): boolean {
  if (
    typeof document !== 'object' ||
    document === null ||
    Array.isArray(document)
  )
    return false;
  const version = (document as { asyncapi?: unknown }).asyncapi;
  return typeof version === 'string' && SUPPORTED_ASYNCAPI.test(version);
}

// The parser restates what the rule engine already said about a place, and
// sees placeholders where files were: keep only what is new.
function isWithinReported(
  location: string,
  reported: ReadonlySet<string>,
): boolean {
  let pointer = location;
  while (pointer.length > 0) {
    if (reported.has(pointer)) return true;
    pointer = pointer.slice(0, pointer.lastIndexOf('/'));
  }
  return false;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

function resultCacheKey(
  textHash: string,
  base: SchemaRefBase,
  options: LoadSpecTextOptions,
  schemaFiles: Record<string, string>,
): string {
  const digest = createHash('sha256');
  digest.update(textHash);
  digest.update(
    `\u0000${options.file ?? ''}\u0000${base.baseDir}\u0000${base.schemaRoot}`,
  );
  digest.update(
    `\u0000${options.idempotentWrite ?? true}\u0000${JSON.stringify(
      options.principalMap ?? {},
    )}`,
  );
  for (const ref of Object.keys(schemaFiles).sort()) {
    digest.update(`\u0000${ref}\u0000${schemaFiles[ref]}`);
  }
  return digest.digest('base64');
}
