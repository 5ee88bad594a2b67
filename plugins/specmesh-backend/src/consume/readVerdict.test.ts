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
import { readVerdict } from './readVerdict';

const owner = 'acme.lifestyle.onboarding';
const reader = 'acme.lifestyle.analytics';

describe('readVerdict', () => {
  it('lets the owner read its own private topic', () => {
    const verdict = readVerdict({
      ownerAppId: owner,
      readerAppId: owner,
      access: 'private',
      grantees: [],
    });
    expect(verdict.canRead).toBe(true);
    expect(verdict.reason).toContain('owns this topic');
  });

  it('lets anybody read a public topic', () => {
    const verdict = readVerdict({
      ownerAppId: owner,
      readerAppId: reader,
      access: 'public',
      grantees: [],
    });
    expect(verdict).toEqual({
      canRead: true,
      reason: expect.stringContaining('Public topic'),
    });
  });

  it('never lets another app-id read a private topic, even with a stray grant', () => {
    const verdict = readVerdict({
      ownerAppId: owner,
      readerAppId: reader,
      access: 'private',
      grantees: [reader],
      aclLive: true,
    });
    expect(verdict.canRead).toBe(false);
    expect(verdict.reason).toContain('Private data is never shared');
  });

  it('refuses an ungranted reader of a protected topic and names the tag to ask for', () => {
    const verdict = readVerdict({
      ownerAppId: owner,
      readerAppId: reader,
      access: 'protected',
      grantees: ['acme.other'],
    });
    expect(verdict.canRead).toBe(false);
    expect(verdict.reason).toContain(`grant-access:${reader}`);
    expect(verdict.reason).toMatch(/^Not granted/);
  });

  it.each([
    [true, true, /^Granted: .* the cluster's ACL is in place/],
    [false, false, /not yet applied/],
    [null, false, /could not be checked/],
  ])(
    'a granted reader whose ACL is live=%s may read: %s',
    (aclLive, canRead, reason) => {
      const verdict = readVerdict({
        ownerAppId: owner,
        readerAppId: reader,
        access: 'protected',
        grantees: [reader],
        aclLive,
      });
      expect(verdict.canRead).toBe(canRead);
      expect(verdict.reason).toMatch(reason);
    },
  );

  it('counts grant-access:_public on a protected topic as a grant to everyone', () => {
    const verdict = readVerdict({
      ownerAppId: owner,
      readerAppId: reader,
      access: 'protected',
      grantees: ['_public'],
      aclLive: true,
    });
    expect(verdict.canRead).toBe(true);
    expect(verdict.reason).toContain('grant-access:_public');
  });
});
