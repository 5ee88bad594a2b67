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
import { readFile } from 'node:fs/promises';
import type { PrincipalMap } from '@meshport/plugin-specmesh-common';
import { UnreadableInputError } from './io';

const PRINCIPAL = /^[A-Za-z]+:.+$/;

/**
 * Reads a principal map file: a JSON object from app-id to Kafka principal,
 * e.g. `{ "acme.lifestyle.onboarding": "User:sa-123abc" }`.
 */
export async function readPrincipalMap(file: string): Promise<PrincipalMap> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UnreadableInputError(
      `Cannot read the principal map ${file}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  let map: unknown;
  try {
    map = JSON.parse(text);
  } catch (error) {
    throw new UnreadableInputError(
      `The principal map ${file} is not valid JSON: ${
        (error as Error).message
      }`,
      { cause: error },
    );
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new UnreadableInputError(
      `The principal map ${file} must be a JSON object from app-id to principal, e.g. {"acme.app": "User:sa-123"}.`,
    );
  }
  const principals: PrincipalMap = {};
  for (const [appId, principal] of Object.entries(map)) {
    if (typeof principal !== 'string' || !PRINCIPAL.test(principal)) {
      throw new UnreadableInputError(
        `The principal map ${file} maps "${appId}" to ${JSON.stringify(
          principal,
        )}; a Kafka principal looks like "User:sa-123".`,
      );
    }
    principals[appId] = principal;
  }
  return principals;
}
