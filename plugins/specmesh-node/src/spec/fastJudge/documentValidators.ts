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
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import specs from '@asyncapi/specs';
// The parser's own copy of the AsyncAPI JSON Schema as its structure rules
// use it (meta schemas removed, `$ref` format relaxed, 3.x resolved refs
// allowed): the fast path validates against exactly what the parser does.
import { getSchema } from '@asyncapi/parser/cjs/ruleset/functions/documentStructure';
import { AsyncAPIFormats } from '@asyncapi/parser/cjs/ruleset/formats';

/** The two structure checks the parser runs on every document. */
export interface DocumentValidators {
  /** The document with its `$ref`s inlined, as the parser's resolved rule sees it. */
  resolved: ValidateFunction;
  /** The document as written, as the parser's unresolved rule sees it. */
  unresolved: ValidateFunction;
}

/** The AsyncAPI versions the parser knows, one JSON Schema each. */
export const KNOWN_VERSIONS: ReadonlySet<string> = new Set(
  Object.keys(specs.schemas),
);

// Compiling a version's schema takes a few hundred milliseconds: once per
// process, on the first spec of that version.
const compiled = new Map<string, DocumentValidators>();

/** The validators for an AsyncAPI version the parser knows, compiled once. */
export function documentValidators(
  version: string,
): DocumentValidators | undefined {
  if (!KNOWN_VERSIONS.has(version)) return undefined;
  let validators = compiled.get(version);
  if (!validators) {
    const format = AsyncAPIFormats.get(version);
    if (!format) return undefined;
    const formats = new Set([format]);
    validators = {
      resolved: compile(getSchema(formats as never, true)),
      unresolved: compile(getSchema(formats as never, false)),
    };
    compiled.set(version, validators);
  }
  return validators;
}

// One instance per schema: the resolved and unresolved variants share the
// `$id`s of their definitions, which one instance would refuse.
function compile(schema: Record<string, unknown> | void): ValidateFunction {
  if (!schema) {
    throw new Error('The AsyncAPI parser has no schema for this version.');
  }
  return sameAjvAsTheParser().compile(schema);
}

// Validity depends on the options that change what passes (formats, unicode
// in patterns, union types), so they are Spectral's. Messages do not matter:
// any failure hands the spec to the parser.
function sameAjvAsTheParser(): Ajv {
  const instance = new Ajv({
    allErrors: false,
    meta: true,
    strict: false,
    allowUnionTypes: true,
    unicodeRegExp: false,
    logger: false,
  });
  addFormats(instance);
  return instance;
}
