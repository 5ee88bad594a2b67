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
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/** A request the server answered. */
export interface ServedRequest {
  path: string;
  /** Whether the request carried an `If-None-Match` ETag. */
  conditional: boolean;
  status: number;
}

/** A plain HTTP server on 127.0.0.1 serving a folder, as any file host. */
export interface FolderHttpServer {
  /** `127.0.0.1:<port>`, for `backend.reading.allow`. */
  host: string;
  /** The URL of a path in the folder. */
  url(path: string): string;
  /** Every request answered so far, in order. */
  requests: ServedRequest[];
  close(): Promise<void>;
}

/**
 * Serves the files of `root`: 200 with an ETag (the SHA-1 of the content),
 * 304 when asked with the current ETag, 404 for anything else.
 */
export async function startFolderHttpServer(
  root: string,
): Promise<FolderHttpServer> {
  const requests: ServedRequest[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const conditional = req.headers['if-none-match'] !== undefined;
    const answer = (status: number, body?: Buffer, etag?: string) => {
      requests.push({ path, conditional, status });
      res.writeHead(status, etag ? { ETag: etag } : {});
      res.end(body);
    };
    let content: Buffer;
    try {
      // normalize() keeps the request inside the root, as a file host does.
      content = await readFile(
        join(root, normalize(`/${decodeURIComponent(path)}`)),
      );
    } catch {
      answer(404);
      return;
    }
    const etag = `"${createHash('sha1').update(content).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) {
      answer(304, undefined, etag);
    } else {
      answer(200, content, etag);
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    host,
    url: path => `http://${host}${path}`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close(error => (error ? reject(error) : resolve()));
      }),
  };
}
