/*
 * Copyright 2026 The Meshport Authors
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
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseSpecText } from '../parseSpecText';
import { computeDesiredState } from '../desired/computeDesiredState';
import { editGrantAccess, GrantAccessChange } from './editGrantAccess';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

const ONBOARDING = 'acme.lifestyle.onboarding';
const ACCOUNTING = 'acme.finance.accounting';

/** The grantees the rule book reads from a spec, per topic. */
function grantsOf(text: string): Record<string, string[]> {
  const { document } = parseSpecText(text);
  const result = computeDesiredState(document);
  expect(result.problems.filter(p => p.severity === 'error')).toEqual([]);
  return result.state?.grants ?? {};
}

// Each case: the input fixture, the change, and the golden output (reviewed by
// hand: only the grant's lines differ from the input).
const cases: Array<[string, string, GrantAccessChange, string]> = [
  [
    '2.x flow list',
    'asyncapi2.input.yaml',
    {
      topic: `${ONBOARDING}._protected.purchased`,
      appId: ACCOUNTING,
      action: 'grant',
    },
    'asyncapi2.grant-flow.yaml',
  ],
  [
    '2.x operation without tags',
    'asyncapi2.input.yaml',
    {
      topic: `${ONBOARDING}._protected.user_info`,
      appId: ACCOUNTING,
      action: 'grant',
    },
    'asyncapi2.grant-block.yaml',
  ],
  [
    '2.x multi-line flow of pairs',
    'asyncapi2.input.yaml',
    {
      topic: `${ONBOARDING}._protected.deliveries`,
      appId: ACCOUNTING,
      action: 'grant',
    },
    'asyncapi2.grant-multiline.yaml',
  ],
  [
    '2.x revoke from a flow list',
    'asyncapi2.input.yaml',
    {
      topic: `${ONBOARDING}._protected.purchased`,
      appId: 'acme.finance.billing',
      action: 'revoke',
    },
    'asyncapi2.revoke-flow.yaml',
  ],
  [
    '2.x revoke the only tag',
    'asyncapi2.input.yaml',
    {
      channel: '_protected.deliveries',
      appId: 'acme.shipping',
      action: 'revoke',
    },
    'asyncapi2.revoke-last.yaml',
  ],
  [
    '3.0 send operation without tags',
    'asyncapi3.input.yaml',
    {
      topic: `${ACCOUNTING}._protected.invoice_issued`,
      appId: ONBOARDING,
      action: 'grant',
    },
    'asyncapi3.grant.yaml',
  ],
  [
    '3.0 send operation with tags',
    'asyncapi3.input.yaml',
    {
      topic: `${ACCOUNTING}._protected.payment_made`,
      appId: 'acme.billing',
      action: 'grant',
    },
    'asyncapi3.grant-append.yaml',
  ],
  [
    '3.0 revoke with a comment',
    'asyncapi3.input.yaml',
    { channel: 'payments', appId: 'acme.shipping', action: 'revoke' },
    'asyncapi3.revoke.yaml',
  ],
  [
    '3.0 JSON',
    'asyncapi3.input.json',
    {
      topic: 'acme.shipping._protected.parcel_sent',
      appId: ACCOUNTING,
      action: 'grant',
    },
    'asyncapi3.grant.json',
  ],
];

describe('editGrantAccess', () => {
  it.each(cases)(
    '%s: matches the golden file and re-judges cleanly',
    (_, input, change, golden) => {
      const before = fixture(input);
      const edit = editGrantAccess(before, change);
      expect(edit.changed).toBe(true);
      expect(edit.text).toBe(fixture(golden));

      const topic = edit.topic;
      const granted = (grantsOf(edit.text)[topic] ?? []).includes(change.appId);
      expect(granted).toBe(change.action === 'grant');
      expect((grantsOf(before)[topic] ?? []).includes(change.appId)).toBe(
        change.action === 'revoke',
      );
      // Nothing else about access changed.
      const others = (text: string) =>
        Object.fromEntries(
          Object.entries(grantsOf(text)).filter(([t]) => t !== topic),
        );
      expect(others(edit.text)).toEqual(others(before));
    },
  );

  it.each(cases)(
    '%s: applying it again changes nothing',
    (_, __, change, golden) => {
      const again = editGrantAccess(fixture(golden), change);
      expect(again.changed).toBe(false);
      expect(again.text).toBe(fixture(golden));
    },
  );

  it.each([
    [
      'asyncapi2.grant-block.yaml',
      `${ONBOARDING}._protected.user_info`,
      ACCOUNTING,
      'asyncapi2.input.yaml',
    ],
    [
      'asyncapi3.grant.yaml',
      `${ACCOUNTING}._protected.invoice_issued`,
      ONBOARDING,
      'asyncapi3.input.yaml',
    ],
    [
      'asyncapi3.grant.json',
      'acme.shipping._protected.parcel_sent',
      ACCOUNTING,
      'asyncapi3.input.json',
    ],
  ])(
    'revoking the grant in %s gives back the original text',
    (granted, topic, appId, original) => {
      const edit = editGrantAccess(fixture(granted), {
        topic,
        appId,
        action: 'revoke',
      });
      expect(edit.text).toBe(fixture(original));
    },
  );

  it.each([
    [
      'a _private channel',
      {
        topic: `${ONBOARDING}._private.user_checkout`,
        appId: ACCOUNTING,
        action: 'grant',
      },
      /private data is never shared/,
    ],
    [
      'a _public channel',
      {
        topic: `${ONBOARDING}._public.user_signed_up`,
        appId: ACCOUNTING,
        action: 'grant',
      },
      /_public: every authenticated application reads it already/,
    ],
    [
      'an unknown topic',
      {
        topic: `${ONBOARDING}._protected.nope`,
        appId: ACCOUNTING,
        action: 'grant',
      },
      /has no channel for "acme.lifestyle.onboarding._protected.nope"/,
    ],
    [
      "another app-id's topic",
      {
        topic: `${ACCOUNTING}._public.invoice_issued`,
        appId: 'acme.x',
        action: 'grant',
      },
      /only a topic's owner can grant/,
    ],
    [
      'an invalid app-id',
      {
        topic: `${ONBOARDING}._protected.purchased`,
        appId: 'acme..x',
        action: 'grant',
      },
      /empty segment/,
    ],
    [
      '_public as grantee',
      {
        topic: `${ONBOARDING}._protected.purchased`,
        appId: '_public',
        action: 'grant',
      },
      /readable by everyone/,
    ],
    [
      'the owner itself',
      {
        topic: `${ONBOARDING}._protected.purchased`,
        appId: ONBOARDING,
        action: 'grant',
      },
      /reads it already/,
    ],
    [
      'a grant shared through a $ref',
      {
        topic: `${ONBOARDING}._protected.user_info`,
        appId: 'acme.shipping',
        action: 'revoke',
      },
      /shared through a YAML anchor or a \$ref/,
    ],
  ] as Array<[string, GrantAccessChange, RegExp]>)(
    'refuses %s with a clear message',
    (_, change, message) => {
      expect(() =>
        editGrantAccess(fixture('asyncapi2.input.yaml'), change),
      ).toThrow(message);
    },
  );

  it('refuses text that is not YAML, naming the position', () => {
    expect(() =>
      editGrantAccess('channels: [\n', {
        topic: 'a._protected.b',
        appId: 'acme.x',
        action: 'grant',
      }),
    ).toThrow(/cannot be read \(line \d+, column \d+\)/);
  });
});
