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
import { v2Messages } from './coreRules';

/**
 * The parser's `asyncapi2-schemas` rule: each message's payload checked by
 * the schema parser registered for its `schemaFormat` — the parser's own
 * schema parser, called as the rule calls it. A format with no schema parser
 * is a warning there, which the judge drops. True when every payload passes.
 */
export async function v2PayloadsPass(
  parser: Parser,
  resolved: Record<string, unknown>,
  version: string,
): Promise<boolean> {
  const defaultSchemaFormat = `application/vnd.aai.asyncapi;version=${version}`;
  for (const message of v2Messages(resolved)) {
    if (!message.payload) continue;
    const schemaFormat =
      typeof message.schemaFormat === 'string'
        ? message.schemaFormat
        : defaultSchemaFormat;
    const schemaParser = parser.parserRegistry.get(schemaFormat);
    if (!schemaParser) continue;
    const results = await schemaParser.validate({
      asyncapi: { semver: { version } } as never,
      data: message.payload,
      meta: {},
      path: [],
      schemaFormat,
      defaultSchemaFormat,
    });
    if (results && results.length > 0) return false;
  }
  return true;
}
