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
  Base,
  connectionsApiChannel,
  protocolAPIsById,
} from '@platformatic/kafka';

const HANDSHAKE = new Set(['ApiVersions', 'SaslHandshake', 'SaslAuthenticate']);

/**
 * Counts the requests a `@platformatic/kafka` client puts on the wire, by API name,
 * leaving out each connection's handshake.
 */
export class RequestCounter {
  private counts: Record<string, number> = {};
  private readonly onRequest = (message: unknown) => {
    const { connection, apiKey } = message as {
      connection: { ownerId?: number };
      apiKey: number;
    };
    if (connection.ownerId !== this.client.instanceId) return;
    const api = protocolAPIsById[apiKey] ?? String(apiKey);
    if (!HANDSHAKE.has(api)) this.counts[api] = (this.counts[api] ?? 0) + 1;
  };

  constructor(private readonly client: Base) {
    connectionsApiChannel.start.subscribe(this.onRequest);
  }

  /** The requests since the last call, by API name. */
  take(): Record<string, number> {
    const counts = this.counts;
    this.counts = {};
    return counts;
  }

  stop(): void {
    connectionsApiChannel.start.unsubscribe(this.onRequest);
  }
}
