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
import { readSubjectNameStrategy, subjectName } from './subjectNaming';

describe('readSubjectNameStrategy', () => {
  it('reads simple and Java class names', () => {
    expect(readSubjectNameStrategy('RecordNameStrategy')).toBe(
      'RecordNameStrategy',
    );
    expect(
      readSubjectNameStrategy(
        'io.confluent.kafka.serializers.subject.TopicRecordNameStrategy',
      ),
    ).toBe('TopicRecordNameStrategy');
  });

  it('knows no other strategy', () => {
    expect(readSubjectNameStrategy('recordnamestrategy')).toBeUndefined();
    expect(readSubjectNameStrategy(3)).toBeUndefined();
  });
});

describe('subjectName', () => {
  it('follows the three strategies', () => {
    expect(
      subjectName('TopicNameStrategy', 'a.b._public.t', 'value', 'x.R'),
    ).toBe('a.b._public.t-value');
    expect(
      subjectName('TopicNameStrategy', 'a.b._public.t', 'key', undefined),
    ).toBe('a.b._public.t-key');
    expect(
      subjectName('RecordNameStrategy', 'a.b._public.t', 'value', 'x.R'),
    ).toBe('x.R');
    expect(
      subjectName('TopicRecordNameStrategy', 'a.b._public.t', 'value', 'x.R'),
    ).toBe('a.b._public.t-x.R');
  });

  it('needs a record name under the record strategies', () => {
    expect(
      subjectName('RecordNameStrategy', 't', 'value', undefined),
    ).toBeUndefined();
    expect(
      subjectName('TopicRecordNameStrategy', 't', 'value', undefined),
    ).toBeUndefined();
  });
});
