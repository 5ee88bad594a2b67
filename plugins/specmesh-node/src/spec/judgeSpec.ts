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
import { Diagnostic, Input, Parser } from '@asyncapi/parser';
import {
  computeDesiredState,
  DesiredStateResult,
  PrincipalMap,
  SpecProblem,
} from '@meshport/plugin-specmesh-common';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { replaceExternalRefs } from './externalRefs';
import { parserFindsNothing } from './fastJudge';
import { parseSpecTextOnce } from './parsedSpecTexts';
import { problemsFromDiagnostics } from './parserDiagnostics';

/**
 * The judge's verdict on a spec: its desired state when it has no error,
 * and every problem (the reader's, the rule book's and the AsyncAPI
 * parser's). Results may be shared through the cache: treat them as
 * read-only.
 *
 * @public
 */
export type LoadedSpec = DesiredStateResult & { document?: unknown };

/**
 * What {@link judgeSpec} judges: a spec's text, the schema files it refers
 * to (by `$ref` as written; without them, file refs are taken as they are)
 * and the problems its reader found.
 *
 * @public
 */
export interface SpecToJudge {
  /** The spec's file (or entity ref), named in problems. */
  file: string;
  text: string;
  schemaFiles?: Record<string, string>;
  problems?: SpecProblem[];
}

/**
 * How to judge a spec.
 *
 * @public
 */
export interface JudgeSpecOptions {
  principalMap?: PrincipalMap;
  /** Grant the owner `IDEMPOTENT_WRITE` on the cluster (default `true`). */
  idempotentWrite?: boolean;
  /**
   * Run the AsyncAPI parser on every spec, never the fast path (default: the
   * judge's own setting). The verdicts are the same; this proves it.
   */
  strict?: boolean;
}

/**
 * How often a {@link SpecJudge} trusted its fast path and how often it ran
 * the AsyncAPI parser, since it was made (cache hits count in neither).
 *
 * @public
 */
export interface SpecJudgeStats {
  fastPath: number;
  parser: number;
}

const DEFAULT_CACHE_SIZE = 500;
// Spec texts and schema files cached at most, in UTF-16 code units.
const DEFAULT_CACHE_TEXT = 64 * 1024 * 1024;
const SUPPORTED_ASYNCAPI = /^[23]\.\d+\.\d+$/;

/**
 * The one judge of specs: the rule book (parse, desired state) and the
 * AsyncAPI parser's checks, on text and schema files already read. Results
 * are cached by content (text, schema files, reader's problems, options),
 * so an unchanged spec costs a hash.
 *
 * The parser's checks take a fast path when it can tell the parser would
 * find no error (valid against the parser's own AsyncAPI JSON Schema, no
 * core rule able to fire, nothing it does not model); otherwise the parser
 * runs, so every problem is the parser's own. `strict` (or the environment
 * variable `MESHPORT_JUDGE_STRICT=1`) runs the parser on every spec.
 *
 * @public
 */
export class SpecJudge {
  private readonly parser = new Parser({ ruleset: { recommended: false } });
  private readonly results?: LRUCache<string, LoadedSpec>;
  private readonly strict: boolean;
  /** How the parser's checks were answered so far. */
  readonly stats: SpecJudgeStats = { fastPath: 0, parser: 0 };

  /**
   * @param options - `cacheSize`: how many verdicts to keep (default 500); 0
   * disables the cache. `strict`: always run the AsyncAPI parser.
   */
  constructor(options: { cacheSize?: number; strict?: boolean } = {}) {
    this.strict = options.strict ?? process.env.MESHPORT_JUDGE_STRICT === '1';
    const max = options.cacheSize ?? DEFAULT_CACHE_SIZE;
    if (max > 0) {
      this.results = new LRUCache({
        max,
        maxSize: DEFAULT_CACHE_TEXT,
      });
    }
  }

  async judge(
    source: SpecToJudge,
    options: JudgeSpecOptions = {},
  ): Promise<LoadedSpec> {
    const key = cacheKey(source, options);
    const cached = this.results?.get(key);
    if (cached) return cached;
    const result = await this.evaluate(source, options);
    this.results?.set(key, result, { size: textSize(source) });
    return result;
  }

  private async evaluate(
    source: SpecToJudge,
    options: JudgeSpecOptions,
  ): Promise<LoadedSpec> {
    const readProblems = source.problems ?? [];
    const parsed = parseSpecTextOnce(source.text, source.file);
    if (parsed.document === undefined) {
      return { problems: [...readProblems, ...parsed.problems] };
    }
    const document = parsed.document;
    const { state, problems } = computeDesiredState(document, {
      file: source.file,
      principalMap: options.principalMap,
      schemaFiles: source.schemaFiles,
      idempotentWrite: options.idempotentWrite,
    });
    const allProblems = [...readProblems, ...parsed.problems, ...problems];
    if (isAsyncApiShaped(document)) {
      const { document: replaced, externalRefs } =
        replaceExternalRefs(document);
      const readsText = externalRefs.length === 0;
      const diagnostics = await this.parserDiagnostics(
        readsText ? source.text : (replaced as Input),
        replaced,
        options.strict ?? this.strict,
      );
      const reported = new Set(
        problems
          .filter(problem => problem.severity === 'error')
          .map(problem => problem.location),
      );
      for (const problem of problemsFromDiagnostics(diagnostics, source.file)) {
        if (!isWithinReported(problem.location, reported)) {
          allProblems.push(problem);
        }
      }
    }
    const valid = !allProblems.some(problem => problem.severity === 'error');
    return valid && state
      ? { state, problems: allProblems, document }
      : { problems: allProblems, document };
  }

  // The parser's diagnostics, or none when the fast path is sure the parser
  // would report no error (its warnings and hints are dropped anyway).
  private async parserDiagnostics(
    input: Input,
    document: unknown,
    strict: boolean,
  ): Promise<Diagnostic[]> {
    if (
      !strict &&
      (await parserFindsNothing({
        parser: this.parser,
        document,
        text: typeof input === 'string' ? input : undefined,
      }))
    ) {
      this.stats.fastPath++;
      return [];
    }
    this.stats.parser++;
    return (await this.parser.parse(input)).diagnostics;
  }
}

let defaultJudge: SpecJudge | undefined;

/**
 * Judges a spec with the shared {@link SpecJudge}: text + schema files +
 * options → problems + desired state. The same verdict on every surface.
 *
 * @public
 */
export function judgeSpec(
  source: SpecToJudge,
  options?: JudgeSpecOptions,
): Promise<LoadedSpec> {
  defaultJudge ??= new SpecJudge();
  return defaultJudge.judge(source, options);
}

/**
 * How the shared judge of {@link judgeSpec} answered the parser's checks so
 * far: by its fast path, or by running the AsyncAPI parser (a copy).
 *
 * @public
 */
export function judgeSpecStats(): SpecJudgeStats {
  defaultJudge ??= new SpecJudge();
  return { ...defaultJudge.stats };
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

function textSize(source: SpecToJudge): number {
  let size = source.text.length;
  for (const text of Object.values(source.schemaFiles ?? {})) {
    size += text.length;
  }
  return Math.max(1, size);
}

function cacheKey(source: SpecToJudge, options: JudgeSpecOptions): string {
  const digest = createHash('sha256');
  digest.update(source.file);
  digest.update('\u0000');
  digest.update(source.text);
  digest.update(
    `\u0000${options.idempotentWrite ?? true}\u0000${
      options.strict ?? ''
    }\u0000${JSON.stringify(options.principalMap ?? {})}\u0000${JSON.stringify(
      source.problems ?? [],
    )}`,
  );
  digest.update('\u0000');
  digest.update(
    source.schemaFiles
      ? JSON.stringify(
          Object.keys(source.schemaFiles)
            .sort()
            .map(ref => [ref, source.schemaFiles![ref]]),
        )
      : 'none',
  );
  return digest.digest('base64');
}
