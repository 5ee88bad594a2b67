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
import { parse } from 'yaml';
import { readGrantTags } from './grants';

function tagsAt(tags: unknown[]) {
  return tags.map((tag, index) => ({ tag, location: `/tags/${index}` }));
}

describe('readGrantTags', () => {
  it('reads flow-style YAML tags as SpecMesh writes them', () => {
    const tags = parse(
      '[ name: "grant-access:some.other.domain.root", name: "human" ]',
    );
    expect(readGrantTags(tagsAt(tags))).toEqual({
      grantees: ['some.other.domain.root'],
      defects: [],
    });
  });

  it('reads block-style tags and ignores other tags', () => {
    const tags = [
      { name: 'grant-access:acme.finance.audit' },
      { name: 'pii' },
      { name: 'grant-access:acme.risk.fraud', description: 'x' },
    ];
    expect(readGrantTags(tagsAt(tags)).grantees).toEqual([
      'acme.finance.audit',
      'acme.risk.fraud',
    ]);
  });

  it('reads grant-access:_public', () => {
    expect(
      readGrantTags(tagsAt([{ name: 'grant-access:_public' }])).grantees,
    ).toEqual(['_public']);
  });

  it('lists each grantee once', () => {
    const tags = [{ name: 'grant-access:a.b' }, { name: 'grant-access:a.b' }];
    expect(readGrantTags(tagsAt(tags)).grantees).toEqual(['a.b']);
  });

  it.each([
    ['grant-access:', 'The app-id is empty'],
    ['grant-access:acme..x', 'two dots in a row'],
    ['grant-access: acme.x', 'characters outside'],
    ['grant-access:acme:x', 'characters outside'],
    ['grant-access:_pubic', 'neither "_public" nor an app-id'],
    ['Grant-Access:acme.x', 'looks like a grant'],
    ['grant_access:acme.x', 'looks like a grant'],
    ['grant-access acme.x', 'looks like a grant'],
  ])('reports the malformed tag %s', (name, message) => {
    const { grantees, defects } = readGrantTags(tagsAt([{ name }]));
    expect(grantees).toEqual([]);
    expect(defects).toEqual([
      expect.objectContaining({
        location: '/tags/0',
        message: expect.stringContaining(message),
      }),
    ]);
  });
});
