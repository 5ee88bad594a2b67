/*
 * server.properties lines for the secured listeners of the authentication tests (appended
 * after the base broker config, so they win), and the StorageTool arguments that create
 * the SCRAM users at format time (KRaft keeps SCRAM credentials in the metadata log).
 */

const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

export interface BrokerSecurityOptions {
  /** SASL_SSL listener name (upper case): PLAIN, SCRAM-SHA-256/512 and OAUTHBEARER. */
  saslListener: string;
  /** SSL listener name (upper case): client certificate required. */
  mtlsListener: string;
  /** PEM file of the CA that signed the clients' certificates. */
  caFile: string;
  /** PEM file holding the broker's private key (unencrypted PKCS#8) and certificate chain. */
  serverKeyStore: string;
  /** PLAIN users: name → password. */
  passwords: Record<string, string>;
  /** JWKS the OAUTHBEARER tokens are verified with, and the claims they must carry. */
  jwksUrl: string;
  issuer: string;
  audience: string;
}

/** A JAAS option value: quoted, with `\` and `"` escaped. */
function jaasValue(value: string): string {
  return `"${value.replace(/[\\"]/g, c => `\\${c}`)}"`;
}

export function brokerSecurityProperties(
  options: BrokerSecurityOptions,
): string[] {
  const sasl = `listener.name.${options.saslListener.toLowerCase()}`;
  const mtls = `listener.name.${options.mtlsListener.toLowerCase()}`;
  const plainUsers = Object.entries(options.passwords)
    .map(([name, password]) => `user_${name}=${jaasValue(password)}`)
    .join(' ');
  return [
    '# Secured listeners of the authentication tests (@meshport/dev-infra security).',
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${options.serverKeyStore}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${options.caFile}`,
    'ssl.enabled.protocols=TLSv1.3,TLSv1.2',
    // A client certificate's subject `CN=<name>` is the principal User:<name>.
    'ssl.principal.mapping.rules=RULE:^CN=([^,]+)$/$1/,DEFAULT',
    `${mtls}.ssl.client.auth=required`,
    `${sasl}.ssl.client.auth=none`,
    `${sasl}.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER`,
    `${sasl}.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
    ...SCRAM_MECHANISMS.map(
      mechanism =>
        `${sasl}.${mechanism.toLowerCase()}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`,
    ),
    `${sasl}.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;`,
    `${sasl}.oauthbearer.sasl.server.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler`,
    `sasl.oauthbearer.jwks.endpoint.url=${options.jwksUrl}`,
    `sasl.oauthbearer.expected.issuer=${options.issuer}`,
    `sasl.oauthbearer.expected.audience=${options.audience}`,
  ];
}

/** `--add-scram` arguments: every user, both SCRAM mechanisms. */
export function scramFormatArgs(passwords: Record<string, string>): string[] {
  return Object.entries(passwords).flatMap(([name, password]) => {
    if (/[\],=\s"]/.test(password)) {
      throw new Error(
        `The SCRAM password of ${name} may not hold ']', ',', '=', quotes or spaces`,
      );
    }
    return SCRAM_MECHANISMS.flatMap(mechanism => [
      '--add-scram',
      `${mechanism}=[name=${name},password=${password}]`,
    ]);
  });
}
