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
import { substituteEnv } from './substituteEnv';

describe('substituteEnv', () => {
  it('replaces ${NAME} in every string, nested in maps and lists', () => {
    const { value, missing } = substituteEnv(
      {
        brokers: ['${HOST}:9092', 'b:9092'],
        sasl: { username: 'svc', password: 'pre-${SECRET}-post' },
        allowDeletion: true,
        partitions: 3,
      },
      { HOST: 'kafka-1', SECRET: 's3cr3t' },
    );

    expect(missing).toEqual([]);
    expect(value).toEqual({
      brokers: ['kafka-1:9092', 'b:9092'],
      sasl: { username: 'svc', password: 'pre-s3cr3t-post' },
      allowDeletion: true,
      partitions: 3,
    });
  });

  it('keeps $${NAME} as a literal ${NAME}', () => {
    expect(substituteEnv({ a: 'cost $${DOLLARS}' }, {}).value).toEqual({
      a: 'cost ${DOLLARS}',
    });
  });

  it('names every variable the environment does not set, with its field', () => {
    const { missing } = substituteEnv(
      { brokers: ['${A}'], sasl: { password: '${B}' }, ok: '${C}' },
      { C: '' },
    );

    expect(missing).toEqual([
      { field: 'brokers[0]', name: 'A' },
      { field: 'sasl.password', name: 'B' },
    ]);
  });

  it('substitutes values, never keys, so a value cannot change the structure', () => {
    const { value } = substituteEnv(
      { '${KEY}': '${VALUE}' },
      {
        KEY: 'name',
        VALUE: 'a: b\nc: d',
      },
    );

    expect(value).toEqual({ '${KEY}': 'a: b\nc: d' });
  });
});
