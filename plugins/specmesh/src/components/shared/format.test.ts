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
import { formatBytes, formatMoney, formatTrend } from './format';

describe('format', () => {
  it('writes bytes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(3.2e9)).toBe('3.2 GB');
    expect(formatBytes(250e6)).toBe('250 MB');
  });

  it('writes money with its currency, and tiny amounts as less than a cent', () => {
    expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
    expect(formatMoney(0.004, 'USD')).toBe('$0.004');
    expect(formatMoney(2, 'credits')).toBe('2.00 credits');
  });

  it('writes the trend as a signed percentage, none from zero', () => {
    expect(formatTrend(12, 10)).toBe('+20%');
    expect(formatTrend(5, 10)).toBe('-50%');
    expect(formatTrend(5, 0)).toBeUndefined();
  });
});

describe('formatMoney of amounts under a cent', () => {
  it.each([
    [0, '$0.00'],
    [0.0042, '$0.0042'],
    [0.000123, '$0.00012'],
    [0.0000012, '$0.0000012'],
    [0.00000000055, '< $0.000001'],
    [0.01, '$0.01'],
    [12.5, '$12.50'],
  ])('writes %p as %s', (amount, text) => {
    expect(formatMoney(amount, 'USD')).toBe(text);
  });

  it('keeps a price list’s own unit', () => {
    expect(formatMoney(0.0042, 'credits')).toBe('0.0042 credits');
  });
});
