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
import { ConfluentSchemaRegistryAdmin } from '../registry';

// The registry adapter can be built by anyone, not only from checked
// configuration: its errors must not repeat the credentials of its URL, even
// when fetch quotes the URL in its own reason.
describe('schema registry errors', () => {
  it('never carry the credentials of the registry URL', async () => {
    const registry = new ConfluentSchemaRegistryAdmin({
      url: 'http://admin:s3cret@127.0.0.1:9/apis/ccompat/v7',
      timeoutMs: 5_000,
    });
    const error = await registry.listSubjects().then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).toContain(
      'Could not reach the schema registry at http://***@127.0.0.1:9/apis/ccompat/v7',
    );
    expect(error?.message).not.toContain('s3cret');
  });
});
