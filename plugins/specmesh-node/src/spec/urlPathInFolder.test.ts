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

import { urlPathInFolder } from './urlPathInFolder';

describe('urlPathInFolder', () => {
  it.each([
    ['asyncapi.yaml', './asyncapi.yaml'],
    ['./asyncapi.yaml', './asyncapi.yaml'],
    ['schema/x.avsc', './schema/x.avsc'],
    ['schema//x.avsc', './schema/x.avsc'],
    ['nested/../x.avsc', './x.avsc'],
    ['a/%2e%2e/x.avsc', './x.avsc'],
    ['my%20file.avsc', './my%20file.avsc'],
    ['x?.avsc', './x%3F.avsc'],
    ['x#1.avsc', './x%231.avsc'],
    ['%252e%252e/x.avsc', './%252e%252e/x.avsc'],
  ])('keeps %s inside the folder as %s', (path, inside) => {
    expect(urlPathInFolder(path)).toBe(inside);
  });

  it.each([
    '../x.avsc',
    'a/../../x.avsc',
    '..',
    '%2e%2e/x.avsc',
    '.%2E/x.avsc',
    '..\\x.avsc',
    'a\\..\\..\\x.avsc',
    '%2e%2e%2fx.avsc',
    'a%5c..%5c..%5cx.avsc',
    '.\t./x.avsc',
    '/x.avsc',
    '//other.host/x.avsc',
    '\\\\other.host\\x.avsc',
    'https://other.host/x.avsc',
    'file:///etc/x.avsc',
    'x:y.avsc',
    '%zz/x.avsc',
  ])('refuses %j', path => {
    expect(urlPathInFolder(path)).toBeUndefined();
  });
});
