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
import { hasUrlCredentials, redactUrlCredentials } from './urlCredentials';

describe('hasUrlCredentials', () => {
  it.each([
    'http://user:pass@registry:8081',
    'https://user@registry/apis/ccompat/v7',
    'http://:pass@registry',
    'http://@registry',
    'http://us%40er:p@ss@registry',
    'HTTP://User:Pass@Registry',
    'http:\\\\user:pass@registry',
    'http:user:pass@registry',
    ' http://user:pass@registry ',
    'http://user:pa ss@registry',
    'user:pass@kafka-1:9092',
    'user@kafka-1:9092',
    'sasl_ssl://user:pass@kafka-1:9093',
  ])('finds the credentials in %s', url => {
    expect(hasUrlCredentials(url)).toBe(true);
  });

  it.each([
    'http://registry:8081',
    'https://registry.internal/apis/ccompat/v7',
    'http://registry/path@with-at',
    'http://registry/?user=a@b',
    'http://registry/#a@b',
    'kafka-1:9092',
    '[::1]:9092',
    'not a url',
  ])('finds none in %s', url => {
    expect(hasUrlCredentials(url)).toBe(false);
  });
});

describe('redactUrlCredentials', () => {
  it('replaces the userinfo of every URL in a message', () => {
    expect(
      redactUrlCredentials(
        'Could not reach http://admin:s3cret@registry:8081/subjects: TypeError: Request cannot be constructed from a URL that includes credentials: http://admin:s3cret@registry:8081/subjects',
      ),
    ).toBe(
      'Could not reach http://***@registry:8081/subjects: TypeError: Request cannot be constructed from a URL that includes credentials: http://***@registry:8081/subjects',
    );
  });

  it('takes a password with an unencoded @ whole', () => {
    const redacted = redactUrlCredentials('at https://key:p@ss@word@host/x');
    expect(redacted).toBe('at https://***@host/x');
    expect(redacted).not.toContain('ss');
  });

  it('leaves URLs without credentials and Kerberos principals alone', () => {
    const text =
      'http://registry:8081/subjects/a@b answered 404; User:svc@EXAMPLE.COM may READ; mail me@example.com';
    expect(redactUrlCredentials(text)).toBe(text);
  });
});
