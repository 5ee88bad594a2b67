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
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';

/**
 * How much one spec may make the reader read. Both caps count bytes on disk
 * (or over the wire), before decoding.
 *
 * @public
 */
export interface SpecReadLimits {
  /** The most bytes one schema file may have. Default: 1 MiB. */
  maxFileBytes?: number;
  /** The most bytes a spec and all its schema files may have together. Default: 4 MiB. */
  maxSpecBytes?: number;
}

const CHUNK_BYTES = 64 * 1024;

/**
 * The default cap on one schema file: 1 MiB.
 *
 * @public
 */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
/**
 * The default cap on a spec and its schema files together: 4 MiB.
 *
 * @public
 */
export const DEFAULT_MAX_SPEC_BYTES = 4 * 1024 * 1024;

/** Limits with every default filled in. */
export function resolveSpecReadLimits(
  limits: SpecReadLimits = {},
): Required<SpecReadLimits> {
  const resolved = {
    maxFileBytes: limits.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxSpecBytes: limits.maxSpecBytes ?? DEFAULT_MAX_SPEC_BYTES,
  };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(
        `${key} must be a whole number of bytes, got ${value}`,
      );
    }
  }
  return resolved;
}

/**
 * What reading a local file with {@link readRegularFile} found: its bytes as
 * text, or why it was not read.
 */
export type BoundedFileRead =
  | { status: 'read'; text: string; bytes: number }
  | { status: 'not-a-file' }
  | { status: 'too-large' };

/**
 * Reads a regular file of at most `maxBytes` bytes. The file is opened
 * without blocking (a FIFO would otherwise wait for a writer) and checked
 * on the open handle, so it cannot be swapped between the check and the
 * read; devices, FIFOs, sockets and directories are not read at all, and
 * never more than `maxBytes + 1` bytes are, whatever the file claims.
 * Rejects as `open` does (ENOENT for a missing file).
 */
export async function readRegularFile(
  path: string,
  maxBytes: number,
): Promise<BoundedFileRead> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { status: 'not-a-file' };
    if (stat.size > maxBytes) return { status: 'too-large' };
    // Read in chunks up to one byte past the cap: the file may grow
    // between the check and the read.
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxBytes) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > maxBytes) return { status: 'too-large' };
    return {
      status: 'read',
      text: Buffer.concat(chunks, length).toString('utf8'),
      bytes: length,
    };
  } finally {
    await handle.close();
  }
}
