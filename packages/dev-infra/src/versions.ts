/*
 * Versions of the fetched runtimes. java/pom.xml is the single source of truth: its
 * <properties> are read here and passed back to Maven, so the two never drift apart.
 */
import fs from 'fs';
import { pomFile } from './paths';

export interface RuntimeVersions {
  kafka: string;
  jmxExporter: string;
  /** Apicurio Registry release used with Java 21+. */
  apicurio: string;
}

/**
 * Apicurio Registry 3.3.x is compiled for Java 21 (class file 65). 3.0.9 runs on Java 17
 * (class file 61); it is used when no Java 21+ is found.
 */
export const APICURIO_JAVA17_VERSION = '3.0.9';

/** Lowest Java feature release for the broker and for the default registry. */
export const KAFKA_MIN_JAVA = 17;
export const APICURIO_MIN_JAVA = 21;

function pomProperty(pom: string, name: string): string {
  const match = pom.match(new RegExp(`<${name}>\\s*([^<\\s]+)\\s*</${name}>`));
  if (!match) {
    throw new Error(`Property <${name}> not found in ${pomFile()}`);
  }
  return match[1];
}

export function runtimeVersions(): RuntimeVersions {
  const pom = fs.readFileSync(pomFile(), 'utf8');
  return {
    kafka: pomProperty(pom, 'kafka.version'),
    jmxExporter: pomProperty(pom, 'jmx-exporter.version'),
    apicurio: pomProperty(pom, 'apicurio.version'),
  };
}
