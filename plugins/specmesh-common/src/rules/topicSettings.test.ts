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
import { BindingDefect, readTopicSettings } from './topicSettings';

function read(binding: Record<string, unknown> | undefined) {
  const defects: BindingDefect[] = [];
  const settings = readTopicSettings(binding, defects);
  return { settings, defects };
}

describe('readTopicSettings', () => {
  it('means cluster defaults without a binding or counts', () => {
    expect(read(undefined).settings).toEqual({
      partitions: null,
      replicas: null,
      configs: {},
    });
    expect(
      read({ configs: { 'cleanup.policy': 'delete' } }).settings,
    ).toMatchObject({ partitions: null, replicas: null });
  });

  it('reads partitions and replicas', () => {
    expect(read({ partitions: 3, replicas: 1 }).settings).toMatchObject({
      partitions: 3,
      replicas: 1,
    });
  });

  it('turns config values into strings and joins lists with ","', () => {
    expect(
      read({
        configs: {
          'retention.ms': 999000,
          'cleanup.policy': ['compact', 'delete'],
          'unclean.leader.election.enable': false,
        },
      }).settings.configs,
    ).toEqual({
      'retention.ms': '999000',
      'cleanup.policy': 'compact,delete',
      'unclean.leader.election.enable': 'false',
    });
  });

  it('merges topicConfiguration and configs, configs winning a clash', () => {
    const { settings } = read({
      topicConfiguration: {
        'cleanup.policy': ['delete'],
        'retention.ms': 604800000,
      },
      configs: { 'retention.ms': 1000, 'segment.ms': 60000 },
    });
    expect(settings.configs).toEqual({
      'cleanup.policy': 'delete',
      'retention.ms': '1000',
      'segment.ms': '60000',
    });
  });

  it.each([
    [{ partitions: 0 }, 'partitions', 'partitions is 0'],
    [{ partitions: -3 }, 'partitions', 'partitions is -3'],
    [{ partitions: '3' }, 'partitions', 'partitions is "3"'],
    [{ partitions: 2.5 }, 'partitions', 'partitions is 2.5'],
    [{ replicas: 0 }, 'replicas', 'replicas is 0'],
    [{ replicas: 40000 }, 'replicas', 'at most 32767'],
    [{ replicas: true }, 'replicas', 'replicas is true'],
  ])('rejects %j', (binding, field, message) => {
    const { settings, defects } = read(binding);
    expect(defects).toEqual([
      expect.objectContaining({
        path: [field],
        message: expect.stringContaining(message),
      }),
    ]);
    expect(settings[field as 'partitions' | 'replicas']).toBeNull();
  });

  it.each([
    [
      { configs: { 'retention.ms': { days: 7 } } },
      ['configs', 'retention.ms'],
      'a map',
    ],
    [
      { configs: { 'retention.ms': null } },
      ['configs', 'retention.ms'],
      'null',
    ],
    [
      { configs: { 'cleanup.policy': [['delete']] } },
      ['configs', 'cleanup.policy'],
      'a list',
    ],
    [
      { configs: { 'retention.bytes': 9223372036854775807 } },
      ['configs', 'retention.bytes'],
      'too large to keep exactly',
    ],
    [
      { configs: { 'retention.bytes': [1, 9223372036854775807] } },
      ['configs', 'retention.bytes'],
      'a list',
    ],
    [
      { topicConfiguration: ['cleanup.policy'] },
      ['topicConfiguration'],
      'must be a map',
    ],
  ])(
    'rejects config values that cannot become strings: %j',
    (binding, path, message) => {
      const { defects } = read(binding as Record<string, unknown>);
      expect(defects).toEqual([
        expect.objectContaining({
          path,
          message: expect.stringContaining(message),
        }),
      ]);
    },
  );
});
