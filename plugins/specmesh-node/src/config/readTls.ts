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
import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { ClusterTlsConfig } from './ClusterConfig';

/**
 * Where relative file names point and where warnings go while a cluster's
 * configuration is read.
 *
 * @public
 */
export interface ClusterConfigReadOptions {
  /**
   * The directory relative `caFile`, `certFile` and `keyFile` paths are resolved
   * against: the cluster file's directory for the CLI; the working directory
   * when absent.
   */
  baseDir?: string;
  /** Receives warnings about risky settings, e.g. `rejectUnauthorized: false`. */
  logger?: { warn(message: string): void };
}

const TLS_KEYS = [
  'ca',
  'caFile',
  'cert',
  'certFile',
  'key',
  'keyFile',
  'passphrase',
  'rejectUnauthorized',
  'servername',
];
const CERTIFICATE_BLOCK =
  /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PRIVATE_KEY_HEADER = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/**
 * Reads a TLS map (a cluster's `ssl`, or its `schemaRegistry.ssl`): PEM
 * values inline or read from their files, each checked to parse, the client
 * certificate and key checked to belong together. An error names the key and
 * the file, never the contents.
 *
 * @param config - the map itself
 * @param key - its full key, for messages, e.g. `specmesh.clusters[0].ssl`
 */
export function readTls(
  config: Config,
  key: string,
  options: ClusterConfigReadOptions = {},
): ClusterTlsConfig {
  const unknown = config.keys().filter(name => !TLS_KEYS.includes(name));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown ${unknown
        .map(name => `${key}.${name}`)
        .join(', ')}: a TLS map takes ${TLS_KEYS.join(', ')}`,
    );
  }

  const tls: ClusterTlsConfig = {};
  const ca = readPem(config, key, 'ca', options);
  if (ca) {
    certificatesOf(ca.text, ca.source);
    tls.ca = ca.text;
  }
  const cert = readPem(config, key, 'cert', options);
  const privateKey = readPem(config, key, 'key', options);
  const passphrase = config.getOptionalString('passphrase');
  if (cert && !privateKey) {
    throw new InputError(
      `${cert.source} is set without ${key}.key or ${key}.keyFile: mutual TLS needs the client certificate and its private key`,
    );
  }
  if (privateKey && !cert) {
    throw new InputError(
      `${privateKey.source} is set without ${key}.cert or ${key}.certFile: mutual TLS needs the client certificate and its private key`,
    );
  }
  if (passphrase !== undefined && !privateKey) {
    throw new InputError(
      `${key}.passphrase is set without a private key: it decrypts ${key}.key or ${key}.keyFile`,
    );
  }
  if (cert && privateKey) {
    const [leaf] = certificatesOf(cert.text, cert.source);
    const keyObject = privateKeyOf(
      privateKey.text,
      privateKey.source,
      key,
      passphrase,
    );
    if (!leaf.checkPrivateKey(keyObject)) {
      throw new InputError(
        `${privateKey.source} is not the private key of the certificate in ${cert.source}: give the key the certificate was issued for`,
      );
    }
    tls.cert = cert.text;
    tls.key = privateKey.text;
    if (passphrase !== undefined) tls.passphrase = passphrase;
  }

  const rejectUnauthorized = config.getOptionalBoolean('rejectUnauthorized');
  if (rejectUnauthorized !== undefined) {
    tls.rejectUnauthorized = rejectUnauthorized;
    if (!rejectUnauthorized) {
      options.logger?.warn(
        `${key}.rejectUnauthorized is false: the server's certificate is not verified, so anyone on the network path can pose as the server and read the credentials. Trust a private CA with ${key}.ca or ${key}.caFile instead`,
      );
    }
  }
  const servername = config.getOptionalString('servername')?.trim();
  if (servername !== undefined) {
    if (!/^[A-Za-z0-9.-]+$/.test(servername)) {
      throw new InputError(
        `Invalid ${key}.servername '${servername}': give the host name the server's certificate names, for example 'broker.example.com'`,
      );
    }
    tls.servername = servername;
  }
  return tls;
}

/** A PEM value given inline (`name`) or as a file (`nameFile`), and where it came from. */
function readPem(
  config: Config,
  key: string,
  name: 'ca' | 'cert' | 'key',
  options: ClusterConfigReadOptions,
): { text: string; source: string } | undefined {
  const fileName = `${name}File`;
  const inline = config.getOptionalString(name);
  const file = config.getOptionalString(fileName);
  if (inline !== undefined && file !== undefined) {
    throw new InputError(
      `Both ${key}.${name} and ${key}.${fileName} are set: give the PEM inline or as a file, not both`,
    );
  }
  if (inline !== undefined) return { text: inline, source: `${key}.${name}` };
  if (file === undefined) return undefined;

  const path = resolve(options.baseDir ?? process.cwd(), file);
  const source = `${key}.${fileName} '${path}'`;
  try {
    return { text: readFileSync(path, 'utf8'), source };
  } catch (error) {
    throw new InputError(`Cannot read ${source}: ${whyUnreadable(error)}`);
  }
}

function whyUnreadable(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, give the PEM file in it';
    default:
      return (error as NodeJS.ErrnoException).code ?? 'unreadable';
  }
}

/** The certificates of a PEM bundle; throws when there is none or one does not parse. */
function certificatesOf(text: string, source: string): X509Certificate[] {
  const blocks = text.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new InputError(
      `${source} is not PEM: it holds no '-----BEGIN CERTIFICATE-----' block`,
    );
  }
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new InputError(
        `${source} is not valid PEM: certificate ${index + 1} of ${
          blocks.length
        } cannot be parsed`,
      );
    }
  });
}

function privateKeyOf(
  text: string,
  source: string,
  key: string,
  passphrase: string | undefined,
): KeyObject {
  if (!PRIVATE_KEY_HEADER.test(text)) {
    throw new InputError(
      `${source} is not PEM: it holds no '-----BEGIN … PRIVATE KEY-----' block`,
    );
  }
  try {
    return createPrivateKey({ key: text, format: 'pem', passphrase });
  } catch (error) {
    const encrypted =
      /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(
        text,
      ) || (error as { code?: string }).code === 'ERR_MISSING_PASSPHRASE';
    if (passphrase === undefined && encrypted) {
      throw new InputError(`${source} is encrypted: set ${key}.passphrase`);
    }
    throw new InputError(
      passphrase === undefined
        ? `${source} is not a private key that can be read`
        : `${source} cannot be decrypted with ${key}.passphrase, or is not a private key`,
    );
  }
}
