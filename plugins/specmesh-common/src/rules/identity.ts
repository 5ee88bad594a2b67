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

const URN_PREFIX = 'urn:';
const APP_ID_SEGMENT = /^[A-Za-z0-9_-]+$/;
const DOT = 46;

/**
 * The longest app-id accepted: it prefixes every topic name, and Kafka caps topic
 * names at 249 characters.
 *
 * @public
 */
export const MAX_APP_ID_LENGTH = 200;

/** Why an app-id is not acceptable, phrased for the spec's author. */
export interface AppIdDefect {
  message: string;
  fix: string;
}

/**
 * Checks an app-id against the rule book (§1): segments of `[A-Za-z0-9_-]+`
 * separated by single dots, at most {@link MAX_APP_ID_LENGTH} characters.
 */
export function findAppIdDefect(appId: string): AppIdDefect | undefined {
  if (appId.length === 0) {
    return {
      message: 'The app-id is empty.',
      fix: 'Name the application, for example "acme.lifestyle.onboarding".',
    };
  }
  if (appId.length > MAX_APP_ID_LENGTH) {
    return {
      message: `The app-id "${appId.slice(0, 40)}…" is ${
        appId.length
      } characters long; at most ${MAX_APP_ID_LENGTH} are allowed.`,
      fix: 'Shorten the app-id: it prefixes every topic name and Kafka caps topic names at 249 characters.',
    };
  }
  const segments = appId.split('.');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.length === 0) {
      return {
        message: `The app-id "${appId}" has an empty segment (${describeEmptySegment(
          i,
          segments.length,
        )}).`,
        fix: 'Separate segments with single dots and do not start or end the app-id with a dot.',
      };
    }
    if (!APP_ID_SEGMENT.test(segment)) {
      return {
        message: `The app-id "${appId}" has the segment "${segment}" with characters outside [A-Za-z0-9_-].`,
        fix: 'Use only letters, digits, "_" and "-" in each dot-separated segment.',
      };
    }
  }
  return undefined;
}

function describeEmptySegment(index: number, count: number): string {
  if (index === 0) return 'it starts with a dot';
  if (index === count - 1) return 'it ends with a dot';
  return 'two dots in a row';
}

/**
 * Reads the app-id from a spec's `id` (`urn:acme:lifestyle:onboarding` and
 * `urn:acme.lifestyle.onboarding` both give `acme.lifestyle.onboarding`), or
 * `undefined` when the id is not a valid SpecMesh id.
 *
 * @public
 */
export function appIdFromSpecId(id: string): string | undefined {
  const candidate = appIdCandidate(id);
  if (candidate === undefined || findAppIdDefect(candidate)) return undefined;
  return candidate;
}

/**
 * The app-id an id spells, valid or not, or `undefined` without the `urn:` prefix.
 */
export function appIdCandidate(id: string): string | undefined {
  if (!id.startsWith(URN_PREFIX)) return undefined;
  return id.slice(URN_PREFIX.length).replaceAll(':', '.');
}

/** Whether `name` lies inside the namespace of `appId` (with the delimiter). */
export function isInNamespaceOf(name: string, appId: string): boolean {
  return (
    name.length > appId.length + 1 &&
    name.startsWith(appId) &&
    name.charCodeAt(appId.length) === DOT
  );
}
