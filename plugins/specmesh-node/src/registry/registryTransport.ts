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
import { Agent as HttpsAgent } from 'node:https';
import { Agent, fetch as undiciFetch } from 'undici';
import type { ClusterTlsConfig } from '../config/ClusterConfig';

/**
 * How to reach a registry over TLS with a private CA or a client certificate:
 * a fetch bound to an undici Agent, and a Node https Agent for clients built
 * on `http.request` (the Confluent client, through mappersmith). Both carry the
 * same TLS options.
 *
 * @public
 */
export interface RegistryTransport {
  fetch: typeof globalThis.fetch;
  httpsAgent: HttpsAgent;
  /** Closes the agents' connections. */
  close(): Promise<void>;
}

/**
 * The one place a registry's TLS settings (`schemaRegistry.ssl`) become
 * connections: every registry client of a cluster uses this.
 *
 * @public
 */
export function registryTransportOf(tls: ClusterTlsConfig): RegistryTransport {
  const options = {
    ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
    ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls.key !== undefined ? { key: tls.key } : {}),
    ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
    ...(tls.rejectUnauthorized !== undefined
      ? { rejectUnauthorized: tls.rejectUnauthorized }
      : {}),
    ...(tls.servername !== undefined ? { servername: tls.servername } : {}),
  };
  // undici's own fetch with its own Agent: Node's built-in fetch bundles
  // another undici, whose dispatcher interface may differ.
  const dispatcher = new Agent({ connect: options });
  const httpsAgent = new HttpsAgent(options);
  const fetch = ((input: unknown, init?: unknown) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as typeof globalThis.fetch;
  return {
    fetch,
    httpsAgent,
    close: async () => {
      httpsAgent.destroy();
      await dispatcher.close();
    },
  };
}
