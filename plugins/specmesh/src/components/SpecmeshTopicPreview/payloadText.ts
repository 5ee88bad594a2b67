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
import type { DecodedPayload } from '../../api';

const FORMAT_NAMES: Record<DecodedPayload['format'], string> = {
  avro: 'Avro',
  'json-schema': 'JSON Schema',
  protobuf: 'Protobuf',
  json: 'JSON',
  text: 'text',
  bytes: 'bytes, base64',
};

/** What the payload was decoded as: `Avro, schema 12`. */
export function describeFormat(payload: DecodedPayload): string {
  const name = FORMAT_NAMES[payload.format] ?? payload.format;
  return payload.schemaId === undefined
    ? name
    : `${name}, schema ${payload.schemaId}`;
}

/**
 * The payload as plain text to show in a `<pre>`: decoded values as indented
 * JSON, text as the backend escaped it, bytes as base64. Rendered as a React
 * text node, never as HTML, whatever the message holds.
 */
export function payloadText(payload: DecodedPayload): string {
  if (payload.format === 'text') return payload.text ?? '';
  if (payload.format === 'bytes') return payload.base64 ?? '';
  if (payload.data === undefined) return payload.text ?? payload.base64 ?? '';
  return JSON.stringify(payload.data, null, 2);
}
