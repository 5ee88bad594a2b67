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
import { bundledDefinition } from './bundledDefinition';

const spec = `asyncapi: '2.6.0'
channels:
  a:
    publish:
      message:
        payload: { $ref: /schema/a.json }
`;

describe('bundledDefinition', () => {
  it('inlines the files of the annotation', () => {
    const bundled = JSON.parse(
      bundledDefinition(
        spec,
        JSON.stringify({ '/schema/a.json': '{"title":"A"}' }),
      ),
    );
    expect(bundled.channels.a.publish.message.payload).toEqual({ title: 'A' });
  });

  it('reads a malformed annotation as no files', () => {
    const bundled = JSON.parse(bundledDefinition(spec, '["/schema/a.json"]'));
    expect(bundled.channels.a.publish.message.payload.description).toContain(
      'is not available to the portal',
    );
  });

  it('passes on what does not parse, for the viewer to report', () => {
    expect(bundledDefinition('asyncapi: [', undefined)).toBe('asyncapi: [');
  });
});
