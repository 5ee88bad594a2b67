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
import { InputError } from '@backstage/errors';
import {
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_SPEC_BYTES,
} from '@meshport/plugin-specmesh-node';
import express from 'express';

/**
 * The largest request body `/specs/plan` and `/specs/apply` take: the reader's
 * cap on a spec and its schema files, with room for JSON's escaping. Other
 * routes keep express's 100 kB.
 */
export const MAX_SPEC_REQUEST_BYTES = 2 * DEFAULT_MAX_SPEC_BYTES;
/** The most schema files one spec may send. */
export const MAX_SCHEMA_FILES = 500;

/** A spec sent by value, as a confined reader read it from its workspace. */
export interface SubmittedSpec {
  /** The spec's path relative to its workspace, named in problems. */
  file: string;
  text: string;
  /** Schema file texts keyed by the `$ref` as written in the spec. */
  schemaFiles: Record<string, string>;
}

/** What `/specs/plan` and `/specs/apply` take. */
export interface SpecRequest {
  spec: SubmittedSpec;
  cluster?: string;
  entityRef?: string;
  deleteUnmanaged?: boolean;
}

// C0 controls (tab aside), DEL and C1 controls: they have no place in a
// path or a ref, and would forge lines in logs and messages.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/**
 * The body of a spec request, checked field by field. The OpenAPI validator has
 * already checked its shape; this checks what a schema cannot say, with the
 * field and the fix in each message. Texts are never quoted back.
 */
export function readSpecRequest(body: unknown): SpecRequest {
  if (!isObject(body)) {
    throw new InputError(
      'The request body must be a JSON object { spec: { file, text, schemaFiles }, cluster?, entityRef?, deleteUnmanaged? }',
    );
  }
  const spec = body.spec;
  if (!isObject(spec)) {
    throw new InputError(
      'Field spec must be an object { file, text, schemaFiles }: the spec sent by value',
    );
  }
  const file = requireName(
    spec.file,
    'spec.file',
    "the spec's path in its workspace, for example asyncapi.yaml",
  );
  if (typeof spec.text !== 'string') {
    throw new InputError(
      "Field spec.text must be a string: the spec's YAML or JSON text",
    );
  }
  const schemaFiles = spec.schemaFiles ?? {};
  if (!isObject(schemaFiles)) {
    throw new InputError(
      'Field spec.schemaFiles must be an object from each $ref as written in the spec to its file text',
    );
  }
  const refs = Object.keys(schemaFiles);
  if (refs.length > MAX_SCHEMA_FILES) {
    throw new InputError(
      `Field spec.schemaFiles has ${refs.length} files; a spec may send at most ${MAX_SCHEMA_FILES}: split the data product`,
    );
  }
  for (const ref of refs) {
    requireName(
      ref,
      'A key of spec.schemaFiles',
      'the $ref as written in the spec',
    );
    if (typeof schemaFiles[ref] !== 'string') {
      throw new InputError(
        `Field spec.schemaFiles['${ref}'] must be a string: the schema file's text`,
      );
    }
  }
  checkSizes(spec.text, schemaFiles as Record<string, string>);
  return {
    spec: {
      file,
      text: spec.text,
      schemaFiles: schemaFiles as Record<string, string>,
    },
    ...(body.cluster !== undefined && {
      cluster: requireName(
        body.cluster,
        'cluster',
        'a cluster name under specmesh.clusters',
      ),
    }),
    ...(body.entityRef !== undefined && {
      entityRef: requireName(
        body.entityRef,
        'entityRef',
        'an entity ref such as api:default/acme.lifestyle.onboarding',
      ),
    }),
    ...(body.deleteUnmanaged !== undefined && {
      deleteUnmanaged: requireBoolean(body.deleteUnmanaged, 'deleteUnmanaged'),
    }),
  };
}

/**
 * Parses JSON bodies: spec requests up to {@link MAX_SPEC_REQUEST_BYTES},
 * everything else up to express's default. A body over the limit is a 413 that
 * says what the limit is.
 */
export function jsonBodyParser(): express.RequestHandler[] {
  const specs = express.json({ limit: MAX_SPEC_REQUEST_BYTES });
  const others = express.json();
  return [
    (req, res, next) => {
      const isSpec = req.path.startsWith('/specs/');
      (isSpec ? specs : others)(req, res, error => {
        if (
          (error as { type?: string } | undefined)?.type !== 'entity.too.large'
        ) {
          next(error);
          return;
        }
        const limit = isSpec
          ? `${MAX_SPEC_REQUEST_BYTES / (1024 * 1024)} MiB`
          : '100 kB';
        next(
          Object.assign(
            new Error(
              `The request body is larger than the ${limit} this endpoint takes: send the spec and only the schema files it refers to`,
            ),
            { name: 'PayloadTooLargeError', statusCode: 413 },
          ),
        );
      });
    },
  ];
}

/** The caps of the one reader, so that a spec sent by value is no larger than one read from disk. */
function checkSizes(text: string, schemaFiles: Record<string, string>) {
  let total = Buffer.byteLength(text, 'utf8');
  for (const [ref, schema] of Object.entries(schemaFiles)) {
    const bytes = Buffer.byteLength(schema, 'utf8');
    if (bytes > DEFAULT_MAX_FILE_BYTES) {
      throw new InputError(
        `Schema file '${ref}' has ${bytes} bytes; a schema file may have at most ${DEFAULT_MAX_FILE_BYTES}: split the schema`,
      );
    }
    total += bytes;
  }
  if (total > DEFAULT_MAX_SPEC_BYTES) {
    throw new InputError(
      `The spec and its schema files have ${total} bytes together; at most ${DEFAULT_MAX_SPEC_BYTES} are taken: split the data product`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireName(value: unknown, field: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${field} must be a non-empty string: ${what}`);
  }
  if (value.length > 1024 || CONTROL_CHARACTERS.test(value)) {
    throw new InputError(
      `${field} must be at most 1024 characters without control characters: ${what}`,
    );
  }
  return value;
}

function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') {
    throw new InputError(`Field ${field} must be true or false`);
  }
  return value;
}
