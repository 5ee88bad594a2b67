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
import type { Parser } from '@asyncapi/parser';
import { v2CoreRulesPass, v3CoreRulesPass } from './coreRules';
import { documentValidators } from './documentValidators';
import { inlineLocalRefs } from './inlineRefs';
import { v2PayloadsPass } from './messagePayloads';
import { hasUnmodelledParts, textIsPlainYaml } from './unmodelledFeatures';

/** What the judge would hand the AsyncAPI parser. */
export interface ParserInput {
  /** The parser that would judge the spec (its schema parsers count). */
  parser: Parser;
  /** The document the parser would see (external refs replaced). */
  document: unknown;
  /** The spec's text, when the parser would read it rather than the document. */
  text?: string;
}

/**
 * True only when the AsyncAPI parser certainly reports no error for this
 * input: the document is one the fast path models, it is valid against the
 * parser's own JSON Schema for its version, and no core rule at error
 * severity can fire. False means "ask the parser", never "invalid": the
 * judge then runs the parser, so every problem reported is the parser's own.
 */
export async function parserFindsNothing(input: ParserInput): Promise<boolean> {
  if (input.text !== undefined && !textIsPlainYaml(input.text)) return false;
  const written = input.document;
  if (typeof written !== 'object' || written === null) return false;
  if (Array.isArray(written)) return false;
  const version = (written as { asyncapi?: unknown }).asyncapi;
  if (typeof version !== 'string') return false;
  const validators = documentValidators(version);
  if (!validators) return false;
  if (hasUnmodelledParts(written)) return false;
  const resolved = inlineLocalRefs(written) as Record<string, unknown>;
  if (resolved === undefined) return false;
  if (!validators.unresolved(written) || !validators.resolved(resolved)) {
    return false;
  }
  const json = written as Record<string, unknown>;
  if (version.startsWith('2.')) {
    return (
      v2CoreRulesPass(resolved) &&
      (await v2PayloadsPass(input.parser, resolved, version))
    );
  }
  if (version.startsWith('3.')) return v3CoreRulesPass(json, resolved);
  return false;
}
