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

import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { createHash } from 'node:crypto';

/** What a fake host serves at a URL: a text, or the error reading it fails with. */
export type Served = string | Error;

/**
 * A `UrlReaderService` over texts by URL, as the real readers behave: a
 * `NotFoundError` where nothing is served, an ETag per text, and a
 * `NotModifiedError` when asked with the ETag of the current text.
 * `readUrl` is a jest mock, so tests see what was asked.
 */
export function fakeUrlReader(served: Record<string, Served>) {
  const reader = mockServices.urlReader.mock({
    readUrl: async (url, options) => {
      if (!Object.hasOwn(served, url)) {
        throw new NotFoundError(`could not read ${url}, 404 Not Found`);
      }
      const content = served[url];
      if (content instanceof Error) throw content;
      const etag = etagOf(content);
      if (options?.etag === etag) throw new NotModifiedError();
      return { buffer: async () => Buffer.from(content, 'utf8'), etag };
    },
  });
  return reader as typeof reader & UrlReaderService;
}

/** The ETag the fake serves `text` with. */
export function etagOf(text: string): string {
  return `"${createHash('sha1').update(text).digest('hex')}"`;
}
