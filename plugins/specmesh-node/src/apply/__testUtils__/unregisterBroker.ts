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
/*
 * UnregisterBroker (KIP-631, what `kafka-cluster unregister` sends) for tests of a broker
 * that is gone: in KRaft a stopped broker stays registered (fenced) and still receives
 * replicas of new partitions; once unregistered, the controller places nothing on it until
 * it starts again and registers anew. kafkajs has no such request, so the request goes
 * over a @platformatic/kafka connection.
 */
import { Connection, unregisterBrokerV0 } from '@platformatic/kafka';
import type { InfraConnection } from '@meshport/dev-infra';

/** Removes `nodeId`'s registration, asking through another (running) node. */
export async function unregisterBroker(
  infra: InfraConnection,
  nodeId: number,
): Promise<void> {
  const via = infra.kafka.nodes?.find(node => node.nodeId !== nodeId);
  if (!via) {
    throw new Error('Unregistering a broker needs another node to ask');
  }
  const { username, password } = infra.kafka.sasl;
  const connection = new Connection('meshport-it-unregister', {
    sasl: { mechanism: 'PLAIN', username, password },
  });
  try {
    await connection.connect('127.0.0.1', via.port);
    await unregisterBrokerV0.api.async(connection, nodeId);
  } finally {
    await connection.close();
  }
}
