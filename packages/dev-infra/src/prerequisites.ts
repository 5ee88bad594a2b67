/*
 * Checks for the tools the harness needs on the machine: Java 17+ for Kafka (Java 21+
 * preferred for the schema registry) and Maven for the one-time fetch. Missing tools
 * give an Error that says what is missing and how to install it.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import {
  APICURIO_JAVA17_VERSION,
  APICURIO_MIN_JAVA,
  KAFKA_MIN_JAVA,
} from './versions';

export interface JavaInfo {
  /** Path or command name of the `java` binary. */
  bin: string;
  /** Feature release, e.g. 17. */
  major: number;
  /** Full version string, e.g. "17.0.15". */
  version: string;
}

const INSTALL_JAVA =
  'Install a JDK, e.g. on Debian/Ubuntu: `apt-get install -y openjdk-17-jdk-headless`, ' +
  'or point MESHPORT_INFRA_JAVA (a java binary) or JAVA_HOME at one.';
const INSTALL_MAVEN =
  'Install Maven, e.g. on Debian/Ubuntu: `apt-get install -y maven` ' +
  '(it fetches the Kafka and registry runtimes from Maven Central once).';

/** Parses the output of `java -version`. */
export function parseJavaVersion(
  output: string,
): { major: number; version: string } | undefined {
  const match = output.match(/version "([^"]+)"/);
  if (!match) {
    return undefined;
  }
  const version = match[1];
  const parts = version.split(/[.+_-]/);
  const major = parts[0] === '1' ? Number(parts[1]) : Number(parts[0]); // "1.8.0_392" is Java 8
  return Number.isFinite(major) ? { major, version } : undefined;
}

/** Runs `<bin> -version`; undefined when it cannot be run. */
export function probeJava(bin: string): JavaInfo | undefined {
  const result = spawnSync(bin, ['-version'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error || result.status !== 0) {
    return undefined;
  }
  const parsed = parseJavaVersion(`${result.stderr}\n${result.stdout}`);
  return parsed ? { bin, ...parsed } : undefined;
}

function javaHomeBin(): string | undefined {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : undefined;
}

/** JDKs installed side by side (Debian puts them, and Temurin's, under /usr/lib/jvm). */
function installedJvms(): string[] {
  const root = '/usr/lib/jvm';
  try {
    return fs
      .readdirSync(root)
      .map(name => path.join(root, name, 'bin', 'java'))
      .filter(bin => fs.existsSync(bin));
  } catch {
    return [];
  }
}

/**
 * The Java that runs Kafka: MESHPORT_INFRA_JAVA, else $JAVA_HOME/bin/java, else `java` on
 * the PATH. Must be 17 or newer.
 */
export function findKafkaJava(): JavaInfo {
  const explicit = process.env.MESHPORT_INFRA_JAVA;
  const bin = explicit || javaHomeBin() || 'java';
  const info = probeJava(bin);
  if (!info) {
    throw new Error(
      `Java ${KAFKA_MIN_JAVA}+ is required to run the local Kafka broker, but \`${bin} -version\` ` +
        `could not be run. ${INSTALL_JAVA}`,
    );
  }
  if (info.major < KAFKA_MIN_JAVA) {
    throw new Error(
      `Java ${KAFKA_MIN_JAVA}+ is required to run the local Kafka broker, but \`${bin}\` is Java ` +
        `${info.version}. ${INSTALL_JAVA}`,
    );
  }
  return info;
}

export interface RegistryRuntimeChoice {
  java: JavaInfo;
  /** Apicurio Registry release to run with that Java. */
  version: string;
  /** Why this choice was made, for the log. */
  note?: string;
}

/**
 * The Java and Apicurio release for the schema registry. Apicurio 3.3.x needs Java 21+:
 * use MESHPORT_REGISTRY_JAVA, else the first Java 21+ among the Kafka java, JAVA_HOME,
 * `java` on the PATH and /usr/lib/jvm/*; without one, fall back to Apicurio 3.0.9 on the
 * Kafka java (17). MESHPORT_REGISTRY_VERSION overrides the release.
 */
export function chooseRegistryRuntime(
  kafkaJava: JavaInfo,
  preferredVersion: string,
): RegistryRuntimeChoice {
  const versionOverride = process.env.MESHPORT_REGISTRY_VERSION;
  const explicit = process.env.MESHPORT_REGISTRY_JAVA;
  if (explicit) {
    const info = probeJava(explicit);
    if (!info) {
      throw new Error(
        `MESHPORT_REGISTRY_JAVA=${explicit} cannot be run (\`${explicit} -version\` failed).`,
      );
    }
    return {
      java: info,
      version:
        versionOverride ||
        (info.major >= APICURIO_MIN_JAVA
          ? preferredVersion
          : APICURIO_JAVA17_VERSION),
    };
  }
  const candidates = [kafkaJava.bin, javaHomeBin(), 'java', ...installedJvms()];
  const seen = new Set<string>();
  let best: JavaInfo | undefined;
  for (const bin of candidates) {
    if (!bin || seen.has(bin)) {
      continue;
    }
    seen.add(bin);
    const info = bin === kafkaJava.bin ? kafkaJava : probeJava(bin);
    if (info && info.major >= APICURIO_MIN_JAVA) {
      best = info;
      break;
    }
  }
  if (best) {
    return { java: best, version: versionOverride || preferredVersion };
  }
  return {
    java: kafkaJava,
    version: versionOverride || APICURIO_JAVA17_VERSION,
    note:
      `No Java ${APICURIO_MIN_JAVA}+ found for Apicurio Registry ${preferredVersion}; using ` +
      `Apicurio ${APICURIO_JAVA17_VERSION} on Java ${kafkaJava.version}. Set ` +
      'MESHPORT_REGISTRY_JAVA to a Java 21+ binary to use the newer registry.',
  };
}

/** `mvn` must be on the PATH for the one-time fetch. Returns its version line. */
export function checkMaven(): string {
  const result = spawnSync('mvn', ['-v', '-B'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error || result.status !== 0) {
    throw new Error(
      `Maven (\`mvn\`) is required to fetch the Kafka and registry runtimes, but \`mvn -v\` ` +
        `could not be run. ${INSTALL_MAVEN}`,
    );
  }
  const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
  return result.stdout.replace(ansiColour, '').split('\n')[0].trim();
}
