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
import {
  COMPATIBILITY,
  SchemaRegistry,
  SchemaType,
} from '@kafkajs/confluent-schema-registry';
import { TimeoutMiddleware } from 'mappersmith/middleware/timeout';
import type { SchemaRegistryAdmin, SchemaText } from '../apply/ports';
import type { CompatibilityLevel, LiveSubject } from '../plan/types';
import { SchemaRegistryError } from './SchemaRegistryError';
import type { ClusterTlsConfig } from '../config/ClusterConfig';
import { RegistryTransport, registryTransportOf } from './registryTransport';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const CLIENT_ID = 'meshport';
/**
 * A socket error or the timeout (mappersmith's `Timeout (…ms)`) in the Confluent
 * client's message: no answer from the registry.
 */
const NETWORK_ERROR =
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE)\b|\bTimeout \(\d+ms\)/;
/** Apicurio's answer when it cannot tell a schema's type from its content. */
const APICURIO_UNKNOWN_TYPE = 'Failed to discover artifact type';

/**
 * How to reach a schema registry's Confluent-compatible API.
 *
 * @public
 */
export interface SchemaRegistryConnectionConfig {
  /**
   * The API's base URL: the registry's root for Confluent, or the ccompat API for
   * Apicurio (`http://host:port/apis/ccompat/v7`).
   */
  url: string;
  /** HTTP basic authentication (e.g. a Confluent Cloud API key and secret). */
  auth?: { username: string; password: string };
  /** TLS beyond the system's CAs for an https registry: CA bundle, client certificate. */
  tls?: ClusterTlsConfig;
  /**
   * Per-request timeout in milliseconds, for every request (a registration
   * included); default 10 000.
   */
  timeoutMs?: number;
  /**
   * Apicurio's own API (`…/apis/registry/v3`), used only to explain an
   * incompatibility: Apicurio's Confluent API answers a compatibility check without
   * reasons, its own API's dry run gives them. Derived from an Apicurio ccompat
   * `url` when absent.
   */
  apicurioApiUrl?: string;
}

/**
 * A schema as the registry serves it by id.
 *
 * @public
 */
export interface SchemaById {
  id: number;
  schemaType: 'AVRO' | 'JSON' | 'PROTOBUF';
  schema: string;
  /** Other subjects' schemas this one imports (Protobuf imports, JSON `$ref`s). */
  references: Array<{ name: string; subject: string; version: number }>;
}

/**
 * A schema registry through its Confluent-compatible REST API: registration with
 * `@kafkajs/confluent-schema-registry` (which validates the schema locally first),
 * everything that client has no call for (subjects, configs, compatibility checks)
 * with plain HTTP.
 *
 * @public
 */
export class ConfluentSchemaRegistryAdmin implements SchemaRegistryAdmin {
  private readonly baseUrl: string;
  private readonly client: SchemaRegistry;
  private readonly fetch: typeof globalThis.fetch;
  private readonly timeoutMs: number;
  private readonly apicurioApiUrl?: string;
  private readonly transport?: RegistryTransport;

  constructor(
    private readonly config: SchemaRegistryConnectionConfig,
    options: { fetch?: typeof globalThis.fetch; client?: SchemaRegistry } = {},
  ) {
    this.baseUrl = config.url.replace(/\/+$/, '');
    // One transport for both clients, so the CA and client certificate apply to every request.
    const transport = config.tls ? registryTransportOf(config.tls) : undefined;
    this.transport = transport;
    this.fetch = options.fetch ?? transport?.fetch ?? fetch;
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.apicurioApiUrl =
      config.apicurioApiUrl?.replace(/\/+$/, '') ??
      apicurioApiUrlOf(this.baseUrl);
    this.client =
      options.client ??
      new SchemaRegistry({
        host: this.baseUrl,
        clientId: CLIENT_ID,
        ...(config.auth ? { auth: config.auth } : {}),
        ...(transport ? { agent: transport.httpsAgent } : {}),
        // Bounded like every other request: a registry that accepts the
        // connection but never answers fails the registration in time.
        retry: { retries: 1, maxRetryTimeInSecs: 1 },
        middlewares: [TimeoutMiddleware(this.timeoutMs)],
      });
  }

  /** Lets go of the TLS connections (`tls` set); a no-op otherwise. */
  async close(): Promise<void> {
    await this.transport?.close();
  }

  async listSubjects(): Promise<string[]> {
    return (await this.request<string[]>('GET', '/subjects')) ?? [];
  }

  async latestSchema(subject: string): Promise<LiveSubject | undefined> {
    const latest = await this.request<{
      subject: string;
      version: number;
      id: number;
      schema: string;
      schemaType?: LiveSubject['schemaType'];
    }>('GET', `/subjects/${segment(subject)}/versions/latest`, {
      notFound: true,
    });
    if (!latest) return undefined;
    return {
      subject,
      version: latest.version,
      id: latest.id,
      // The API leaves schemaType out for Avro, its original and default type.
      schemaType: latest.schemaType ?? 'AVRO',
      schema: latest.schema,
    };
  }

  /**
   * The schema registered under a global id (the id the Confluent wire format
   * carries), or undefined when the registry knows no such id.
   */
  async schemaById(id: number): Promise<SchemaById | undefined> {
    const found = await this.request<{
      schema: string;
      schemaType?: LiveSubject['schemaType'];
      references?: SchemaById['references'];
    }>('GET', `/schemas/ids/${encodeURIComponent(String(id))}`, {
      notFound: true,
    });
    if (!found) return undefined;
    return {
      id,
      // The API leaves schemaType out for Avro, its original and default type.
      schemaType: found.schemaType ?? 'AVRO',
      schema: found.schema,
      references: found.references ?? [],
    };
  }

  async compatibilityLevel(subject: string): Promise<string | undefined> {
    const config =
      (await this.request<{ compatibilityLevel?: string }>(
        'GET',
        `/config/${segment(subject)}?defaultToGlobal=true`,
        { notFound: true },
      )) ??
      (await this.request<{ compatibilityLevel?: string }>('GET', '/config'));
    return config?.compatibilityLevel;
  }

  async findVersion(
    subject: string,
    schema: SchemaText,
  ): Promise<number | undefined> {
    const found = await this.request<{ version: number }>(
      'POST',
      `/subjects/${segment(subject)}`,
      {
        body: schemaBody(schema),
        notFound: true,
      },
    );
    return found?.version;
  }

  async checkCompatibility(
    subject: string,
    schema: SchemaText,
  ): Promise<{ compatible: boolean; messages: string[] }> {
    const verdict = await this.request<{
      is_compatible: boolean;
      messages?: unknown;
    }>(
      'POST',
      `/compatibility/subjects/${segment(
        subject,
      )}/versions/latest?verbose=true`,
      { body: schemaBody(schema) },
    );
    const compatible = verdict?.is_compatible === true;
    const messages = Array.isArray(verdict?.messages)
      ? verdict.messages.map(String)
      : [];
    if (!compatible && messages.length === 0 && this.apicurioApiUrl) {
      messages.push(...(await this.explainWithApicurio(subject, schema)));
    }
    return { compatible, messages };
  }

  /**
   * The reasons Apicurio gives when a dry-run registration breaks the subject's
   * compatibility rule; none when it gives none or cannot be asked.
   */
  private async explainWithApicurio(
    subject: string,
    schema: SchemaText,
  ): Promise<string[]> {
    const url = `${this.apicurioApiUrl}/groups/default/artifacts/${segment(
      subject,
    )}/versions?dryRun=true`;
    try {
      const response = await this.fetch(url, {
        method: 'POST',
        headers: { ...this.authHeader(), 'Content-Type': 'application/json' },
        body: JSON.stringify({
          content: {
            content: schema.schema,
            contentType:
              schema.schemaType === 'PROTOBUF'
                ? 'application/x-protobuf'
                : 'application/json',
          },
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // A rule violation (Apicurio 3 answers 400, older releases 409) lists its causes.
      if (response.ok) return [];
      const body = parseJson(await response.text()) as {
        causes?: Array<{ description?: string; context?: string }>;
      };
      return (body?.causes ?? [])
        .filter(cause => cause.description)
        .map(cause =>
          cause.context
            ? `${cause.description} at ${cause.context}`
            : cause.description!,
        );
    } catch {
      return [];
    }
  }

  async setCompatibilityLevel(
    subject: string,
    level: CompatibilityLevel,
  ): Promise<void> {
    await this.request('PUT', `/config/${segment(subject)}`, {
      body: { compatibility: level },
    });
  }

  /**
   * Registers a schema under a subject whose compatibility level has already been
   * set to `compatibility`; the client checks that it has before registering.
   */
  async register(
    subject: string,
    schema: SchemaText,
    compatibility: CompatibilityLevel,
  ): Promise<{ id: number }> {
    try {
      const { id } = await this.client.register(
        { type: SchemaType[schema.schemaType], schema: schema.schema },
        {
          subject,
          compatibility: COMPATIBILITY[compatibility],
          updateConfig: false,
        },
      );
      return { id };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const status = (error as { status?: number }).status;
      if (
        schema.schemaType === 'JSON' &&
        this.apicurioApiUrl &&
        status === 422 &&
        message.includes(APICURIO_UNKNOWN_TYPE)
      ) {
        return this.registerWithApicurio(subject, schema);
      }
      // The client reports a refused or dropped connection as an HTTP 400.
      const unreachable = NETWORK_ERROR.exec(message);
      if (unreachable) {
        throw new SchemaRegistryError(
          `The schema registry did not register ${subject}: could not reach ${this.baseUrl}: ${unreachable[0]}`,
          undefined,
          undefined,
          { cause: error },
        );
      }
      throw new SchemaRegistryError(
        `The schema registry did not register ${subject}: ${message.replace(
          `${CLIENT_ID} - `,
          '',
        )}`,
        status,
        undefined,
        { cause: error },
      );
    }
  }

  /**
   * Apicurio's Confluent API ignores the request's `schemaType` and guesses the
   * type from the content; it takes a JSON Schema for one only when it has a
   * `$schema` of json-schema.org or top-level `properties`, and refuses any other
   * (`{"type":"string"}`, `{"type":"object"}` …) as of unknown type. Its own API
   * takes the type as given, registers the text unchanged under the same
   * subject, and enforces the subject's compatibility rule just the same.
   */
  private async registerWithApicurio(
    subject: string,
    schema: SchemaText,
  ): Promise<{ id: number }> {
    const url = `${this.apicurioApiUrl}/groups/default/artifacts?ifExists=FIND_OR_CREATE_VERSION`;
    let response: Response;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers: {
          ...this.authHeader(),
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          artifactId: subject,
          artifactType: schema.schemaType,
          firstVersion: {
            content: {
              content: schema.schema,
              contentType: 'application/json',
            },
          },
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new SchemaRegistryError(
        `The schema registry did not register ${subject}: could not reach ${
          this.apicurioApiUrl
        }: ${reasonOf(error, this.timeoutMs)}`,
        undefined,
        undefined,
        { cause: error, noAnswer: true },
      );
    }
    const text = await response.text();
    const body = parseJson(text) as
      | {
          version?: { contentId?: number };
          detail?: string;
          title?: string;
        }
      | undefined;
    if (response.ok && typeof body?.version?.contentId === 'number') {
      // The Confluent API's schema id is Apicurio's content id.
      return { id: body.version.contentId };
    }
    throw new SchemaRegistryError(
      `The schema registry did not register ${subject}: ${
        body?.detail ??
        body?.title ??
        (text.slice(0, 300) || `${response.status} ${response.statusText}`)
      }`,
      response.status,
    );
  }

  private authHeader(): Record<string, string> {
    if (!this.config.auth) return {};
    const { username, password } = this.config.auth;
    return {
      Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString(
        'base64',
      )}`,
    };
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: { body?: unknown; notFound?: boolean } = {},
  ): Promise<T | undefined> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = {
      Accept: CONTENT_TYPE,
      ...this.authHeader(),
    };
    if (options.body !== undefined) headers['Content-Type'] = CONTENT_TYPE;

    let response: Response;
    let text: string;
    try {
      response = await this.fetch(url, {
        method,
        headers,
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // The timeout covers the body too: a registry may stall after the headers.
      text = await response.text();
    } catch (error) {
      throw new SchemaRegistryError(
        `Could not reach the schema registry at ${this.baseUrl}: ${reasonOf(
          error,
          this.timeoutMs,
        )}`,
        undefined,
        undefined,
        { cause: error, noAnswer: true },
      );
    }

    const body = parseJson(text);
    if (response.ok) return body as T;
    if (response.status === 404 && options.notFound) return undefined;

    const { message, error_code: errorCode } = (body ?? {}) as {
      message?: string;
      error_code?: number;
    };
    throw new SchemaRegistryError(
      `The schema registry answered ${method} ${path} with ${
        response.status
      }: ${message ?? (text.slice(0, 300) || response.statusText)}`,
      response.status,
      errorCode,
    );
  }
}

/** Apicurio 3 serves its Confluent API at /apis/ccompat/v7 and its own at /apis/registry/v3. */
function apicurioApiUrlOf(baseUrl: string): string | undefined {
  const match = /^(.*)\/apis\/ccompat\/v7$/.exec(baseUrl);
  return match ? `${match[1]}/apis/registry/v3` : undefined;
}

function segment(subject: string): string {
  return encodeURIComponent(subject);
}

/** The API leaves schemaType out for Avro; older registries reject it. */
function schemaBody(schema: SchemaText): {
  schema: string;
  schemaType?: string;
} {
  return schema.schemaType === 'AVRO'
    ? { schema: schema.schema }
    : { schema: schema.schema, schemaType: schema.schemaType };
}

/** Why a request got no answer: the socket error's code when there is one. */
function reasonOf(error: unknown, timeoutMs?: number): string {
  if ((error as Error)?.name === 'TimeoutError' && timeoutMs !== undefined) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } })
    .cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
