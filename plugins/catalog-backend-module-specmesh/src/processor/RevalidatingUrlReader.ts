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

import {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { PassThrough, Readable } from 'node:stream';

/** A text read from a URL, with the ETag it came with. */
export type UrlReading = { etag: string; text: string };

/**
 * Reads texts through the backend's `UrlReaderService` for one processing
 * run of one entity, sending the ETag each URL had in the previous run: a
 * file that did not change costs a `304 Not Modified` (which GitHub does not
 * count against its rate limit) instead of its content.
 *
 * @remarks
 *
 * The previous run's readings come from, and {@link RevalidatingUrlReader.readings}
 * go back to, the catalog's per-entity processor cache, as the catalog's own
 * URL reader processor keeps its ETags: they survive restarts, are shared
 * by every replica, and hold only what the entity read last time.
 */
export class RevalidatingUrlReader {
  private readonly current = new Map<string, UrlReading>();
  private readonly requested = new Set<string>();

  constructor(
    private readonly reader: UrlReaderService,
    private readonly previous: Record<string, UrlReading> = {},
  ) {}

  /**
   * The text at `url`. Rejects as the reader does: a `NotFoundError` (by
   * name) when there is nothing there.
   */
  async readText(url: string): Promise<string> {
    const response = await this.readUrl(url);
    return (await response.buffer()).toString('utf8');
  }

  /**
   * Reads `url` as `UrlReaderService.readUrl` does, revalidating with the
   * previous run's ETag. What is read to the end, as a buffer or a stream,
   * is remembered for the next run; a stream abandoned halfway (a file over
   * a size cap) is not.
   */
  async readUrl(url: string): Promise<UrlReaderServiceReadUrlResponse> {
    this.requested.add(url);
    const earlier = Object.hasOwn(this.previous, url)
      ? this.previous[url]
      : undefined;
    let response: UrlReaderServiceReadUrlResponse;
    try {
      response = await this.reader.readUrl(
        url,
        earlier ? { etag: earlier.etag } : undefined,
      );
    } catch (error) {
      if (earlier && isError(error) && error.name === 'NotModifiedError') {
        this.current.set(url, earlier);
        const buffer = Buffer.from(earlier.text, 'utf8');
        return {
          buffer: async () => buffer,
          stream: () => Readable.from([buffer]),
          etag: earlier.etag,
        };
      }
      throw error;
    }
    const remember = (buffer: Buffer) => {
      if (response.etag) {
        this.current.set(url, {
          etag: response.etag,
          text: buffer.toString('utf8'),
        });
      }
    };
    const stream = response.stream?.bind(response);
    return {
      buffer: async () => {
        const buffer = await response.buffer();
        remember(buffer);
        return buffer;
      },
      ...(stream && { stream: () => recorded(stream(), remember) }),
      etag: response.etag,
      lastModifiedAt: response.lastModifiedAt,
    };
  }

  /** Every URL this run asked for, found or not. */
  urls(): string[] {
    return [...this.requested];
  }

  /** What this run read with an ETag, for the next run. */
  readings(): Record<string, UrlReading> {
    return Object.fromEntries(this.current);
  }
}

/**
 * The readings a processor cache holds, or none when it holds something
 * else (an older version's, say).
 */
export function asUrlReadings(value: unknown): Record<string, UrlReading> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, reading]) =>
        typeof reading?.etag === 'string' && typeof reading?.text === 'string',
    ),
  );
}

/** The stream's bytes passed on, and handed to `done` if it ends whole. */
function recorded(source: Readable, done: (buffer: Buffer) => void): Readable {
  const chunks: Buffer[] = [];
  const copy = new PassThrough();
  source.on('data', chunk => chunks.push(Buffer.from(chunk)));
  source.on('end', () => done(Buffer.concat(chunks)));
  source.on('error', error => copy.destroy(error));
  copy.on('close', () => source.destroy());
  source.pipe(copy);
  return copy;
}
