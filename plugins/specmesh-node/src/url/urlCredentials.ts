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

/**
 * `scheme://` followed by an authority holding `@`: the userinfo of a URL in
 * free text. Greedy up to the last `@` of the authority, as URL parsers read
 * it, so a password with an unencoded `@` is caught whole. `\` counts as `/`,
 * as it does for http(s). The two slashes are required so that a Kerberos
 * principal such as `User:svc@EXAMPLE.COM` is left alone.
 */
const USERINFO = /([a-z][\w+.-]*:[\\/]{2})[^\s\\/?#]*@/gi;

/** What {@link redactUrlCredentials} puts where credentials were. */
const REDACTED = '***@';

/**
 * Whether a URL (or a `host:port` bootstrap server) carries credentials: a
 * `user:password@` or `user@` before its host. Such a URL is refused when
 * configuration is read: credentials belong in the secret configuration keys,
 * where they are never printed.
 *
 * @public
 */
export function hasUrlCredentials(url: string): boolean {
  const text = url.trim();
  try {
    const parsed = new URL(text);
    if (parsed.username !== '' || parsed.password !== '') return true;
  } catch {
    // Not a URL a parser accepts; the text is checked below all the same.
  }
  const authority = /^[a-z][\w+.-]*:[\\/]*/i.test(text)
    ? text.replace(/^[a-z][\w+.-]*:[\\/]*/i, '')
    : text;
  return /^[^\\/?#]*@/.test(authority);
}

/**
 * The text with the userinfo of every URL in it replaced by `***`, so that an
 * error message, a log line or an HTTP answer built from a URL (or from an error
 * that quotes one, as fetch does) never carries its credentials.
 *
 * @public
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(USERINFO, `$1${REDACTED}`);
}
