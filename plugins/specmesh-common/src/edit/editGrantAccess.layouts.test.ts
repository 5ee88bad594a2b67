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

// Layouts beyond the golden files: small specs written out in each test.

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

const ONBOARDING = 'acme.lifestyle.onboarding';
const ACCOUNTING = 'acme.finance.accounting';

function grantsOf(text: string): Record<string, string[]> {
  const result = computeDesiredState(parseSpecText(text).document);
  expect(result.problems.filter(p => p.severity === 'error')).toEqual([]);
  return result.state?.grants ?? {};
}

describe('editGrantAccess on other layouts', () => {
  const head = "asyncapi: '2.6.0'\nid: urn:acme.shipping\nchannels:\n";
  it.each([
    [
      'an empty flow list',
      '  _protected.parcels:\n    publish:\n      tags: []\n      message: {payload: {type: string}}\n',
      '  _protected.parcels:\n    publish:\n      tags: [{ name: grant-access:acme.x }]\n      message: {payload: {type: string}}\n',
    ],
    [
      'a flow operation',
      '  _protected.parcels:\n    publish: { message: {payload: {type: string}} }\n',
      '  _protected.parcels:\n    publish: { message: {payload: {type: string}}, tags: [{ name: grant-access:acme.x }] }\n',
    ],
    [
      'a file without a final line feed',
      '  _protected.parcels:\n    publish:\n      message:\n        payload: {type: string}',
      '  _protected.parcels:\n    publish:\n      message:\n        payload: {type: string}\n      tags:\n        - name: grant-access:acme.x\n',
    ],
    [
      'a block list with comments and a blank line after it',
      "  _protected.parcels:\n    publish:\n      tags:\n        - name: 'audit'  # kept\n\n      # the message\n      message: {payload: {type: string}}\n",
      "  _protected.parcels:\n    publish:\n      tags:\n        - name: 'audit'  # kept\n        - name: 'grant-access:acme.x'\n\n      # the message\n      message: {payload: {type: string}}\n",
    ],
  ])('grants on %s, and revokes back', (_, channels, expected) => {
    const change: GrantAccessChange = {
      channel: '_protected.parcels',
      appId: 'acme.x',
      action: 'grant',
    };
    const granted = editGrantAccess(head + channels, change);
    expect(granted.text).toBe(head + expected);
    expect(grantsOf(granted.text)['acme.shipping._protected.parcels']).toEqual([
      'acme.x',
    ]);
    const revoked = editGrantAccess(granted.text, {
      ...change,
      action: 'revoke',
    });
    expect(grantsOf(revoked.text)).toEqual({});
  });

  it('keeps Windows line ends', () => {
    const input = fixture('asyncapi3.input.yaml').replaceAll('\n', '\r\n');
    const change: GrantAccessChange = {
      topic: `${ACCOUNTING}._protected.invoice_issued`,
      appId: ONBOARDING,
      action: 'grant',
    };
    const granted = editGrantAccess(input, change);
    expect(granted.text).toBe(
      fixture('asyncapi3.grant.yaml').replaceAll('\n', '\r\n'),
    );
    const revoked = editGrantAccess(granted.text, {
      ...change,
      action: 'revoke',
    });
    expect(revoked.text).toBe(input);
  });

  it('removes a grant from the channel, the operation and the message alike', () => {
    const spec = [
      'asyncapi: 3.0.0',
      'id: urn:acme.shipping',
      'channels:',
      '  parcels:',
      '    address: _protected.parcel_sent',
      '    tags: [{name: "grant-access:acme.x"}, {name: keep}]',
      '    messages:',
      '      parcel:',
      '        tags:',
      '          - name: grant-access:acme.x',
      '        payload: {type: string}',
      'operations:',
      '  send:',
      '    action: send',
      '    channel: {$ref: "#/channels/parcels"}',
      '    tags:',
      '      - name: grant-access:acme.x',
      '      - name: grant-access:acme.y',
      '',
    ].join('\n');
    const topic = 'acme.shipping._protected.parcel_sent';
    const edit = editGrantAccess(spec, {
      topic,
      appId: 'acme.x',
      action: 'revoke',
    });
    expect(edit.text).not.toContain('acme.x');
    expect(grantsOf(edit.text)[topic]).toEqual(['acme.y']);
    expect(edit.text).toContain('{name: keep}');
  });

  it('refuses to change tags an anchor shares with another channel', () => {
    const spec = [
      'asyncapi: 2.6.0',
      'id: urn:acme.shipping',
      'channels:',
      '  _protected.a:',
      '    publish: &op',
      '      message: {payload: {type: string}}',
      '  _protected.b:',
      '    publish: *op',
      '',
    ].join('\n');
    expect(() =>
      editGrantAccess(spec, {
        channel: '_protected.a',
        appId: 'acme.x',
        action: 'grant',
      }),
    ).toThrow(/shared through a YAML anchor/);
  });
});
