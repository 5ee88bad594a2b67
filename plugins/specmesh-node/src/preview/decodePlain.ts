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
import type { DecodedPayload } from './payloadTypes';

/*
 * What a payload is when no schema tells: JSON, text or bytes. Text is made
 * safe to print in a terminal or page: C0/C1 controls (but tab and newline),
 * DEL and the bidirectional overrides are escaped, so a message cannot move
 * the cursor, recolour a terminal or reorder what a reader sees.
 */

const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text, with every unsafe character written as `\uXXXX`.
 *
 * @public
 */
export function escapeUnsafeText(text: string): string {
  return text.replace(
    UNSAFE_CHARACTERS,
    char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Valid UTF-8 as a string, or undefined. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Mostly control characters (or a NUL): binary that happens to be valid UTF-8. */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const controls = text.match(UNSAFE_CHARACTERS)?.length ?? 0;
  return controls > text.length / 4;
}

/**
 * JSON when the payload parses as a JSON object or array, text when it is
 * readable UTF-8, bytes (base64) otherwise; `error` says why a schema could
 * not decode it, when one was tried.
 *
 * @public
 */
export function decodePlain(bytes: Uint8Array, error?: string): DecodedPayload {
  const because = error === undefined ? {} : { error };
  const text = utf8Text(bytes);
  if (text !== undefined && !looksBinary(text)) {
    const trimmed = text.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return { format: 'json', data: JSON.parse(trimmed), ...because };
      } catch {
        // Not JSON after all: shown as text.
      }
    }
    return { format: 'text', text: escapeUnsafeText(text), ...because };
  }
  return {
    format: 'bytes',
    base64: Buffer.from(bytes).toString('base64'),
    ...because,
  };
}
