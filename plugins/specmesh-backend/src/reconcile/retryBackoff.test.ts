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
import type { ApplyRecord } from '../provisioning/types';
import { nextReconcileApplyAt } from './retryBackoff';

const RECONCILE = 'plugin:specmesh';
const backoff = { initialMs: 60_000, maxMs: 10 * 60_000 };

let minute = 0;
const apply = (
  status: ApplyRecord['status'],
  actor = RECONCILE,
): ApplyRecord => ({
  id: `apply-${minute}`,
  entityRef: 'api:default/acme.a',
  appId: 'acme.a',
  cluster: 'local',
  actor,
  // Newest first, one minute apart, from 12:00 back.
  startedAt: new Date(Date.UTC(2026, 10, 24, 12, -minute++)).toISOString(),
  status,
});

beforeEach(() => {
  minute = 0;
});

describe('nextReconcileApplyAt', () => {
  it('holds nothing back without failures of its own', () => {
    expect(nextReconcileApplyAt([], RECONCILE, backoff)).toBeUndefined();
    expect(
      nextReconcileApplyAt(
        [apply('succeeded'), apply('failed')],
        RECONCILE,
        backoff,
      ),
    ).toBeUndefined();
  });

  it('waits twice as long after each consecutive failure, up to the limit', () => {
    const waits = [1, 2, 3, 4, 5].map(count => {
      minute = 0;
      const history = Array.from({ length: count }, () => apply('failed'));
      const next = nextReconcileApplyAt(history, RECONCILE, backoff)!;
      expect(next.failures).toBe(count);
      return (next.at.getTime() - Date.parse(history[0].startedAt)) / 60_000;
    });
    expect(waits).toEqual([1, 2, 4, 8, 10]);
  });

  it('does not count a blocked apply: it applied what it could', () => {
    // A partition decrease stays blocked forever; a new drift must not wait for it.
    expect(
      nextReconcileApplyAt(
        [apply('blocked'), apply('failed')],
        RECONCILE,
        backoff,
      ),
    ).toBeUndefined();
    expect(
      nextReconcileApplyAt(
        [apply('failed'), apply('blocked'), apply('failed')],
        RECONCILE,
        backoff,
      )?.failures,
    ).toBe(1);
  });

  it("starts over after a person's apply or a success", () => {
    expect(
      nextReconcileApplyAt(
        [apply('failed'), apply('failed', 'user:default/ann'), apply('failed')],
        RECONCILE,
        backoff,
      )?.failures,
    ).toBe(1);
    expect(
      nextReconcileApplyAt(
        [apply('failed', 'user:default/ann'), apply('failed')],
        RECONCILE,
        backoff,
      ),
    ).toBeUndefined();
  });
});
