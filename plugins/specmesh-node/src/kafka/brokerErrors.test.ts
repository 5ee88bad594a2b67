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
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { brokerErrorMessage, isResourceError } from './brokerErrors';

const invalidPartitions = () =>
  new KafkaJSProtocolError({
    message: 'Number of partitions is invalid',
    type: 'INVALID_PARTITIONS',
    code: 37,
  } as never);

describe('brokerErrors', () => {
  it("adds the protocol error's name to its message", () => {
    expect(brokerErrorMessage(invalidPartitions())).toBe(
      'Number of partitions is invalid (INVALID_PARTITIONS)',
    );
  });

  it('reports the error that ended the retries', () => {
    const exhausted = new KafkaJSNumberOfRetriesExceeded(
      new KafkaJSConnectionError(
        'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
      ),
      { retryCount: 5, retryTime: 100 } as never,
    );
    expect(brokerErrorMessage(exhausted)).toBe(
      'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
    );
  });

  it('copes with things that are not errors', () => {
    expect(brokerErrorMessage('boom')).toBe('boom');
    expect(brokerErrorMessage({})).toBe('Unknown error');
  });

  it('tells a per-resource rejection from a failed request', () => {
    expect(isResourceError(invalidPartitions())).toBe(true);
    expect(
      isResourceError(new KafkaJSConnectionError('Connection timeout')),
    ).toBe(false);
    expect(
      isResourceError(
        new KafkaJSNumberOfRetriesExceeded(invalidPartitions(), {
          retryCount: 5,
          retryTime: 1,
        } as never),
      ),
    ).toBe(false);
  });
});
