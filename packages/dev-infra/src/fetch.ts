/*
 * One-time fetch of the runtimes from Maven Central into the cache, with one Maven run of
 * java/pom.xml (`generate-resources`: copy-dependencies for the broker and the JMX exporter,
 * copy for the Apicurio tarball, which is then unpacked with `tar`). Idempotent: each
 * component gets a `.complete` marker and is skipped once complete; a lock dir keeps
 * concurrent fetches (parallel test processes) from racing.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { cacheDir, pomFile } from './paths';
import { checkMaven } from './prerequisites';
import { isAlive, tailFile } from './processes';
import { runtimeVersions } from './versions';

export interface FetchedRuntimes {
  cacheDir: string;
  kafka: { version: string; libDir: string };
  jmxExporter: { version: string; agentJar: string };
  registry: {
    version: string;
    home: string;
    /** `quarkus-run.jar` (3.1+) or `apicurio-registry-app-<v>-runner.jar` (≤ 3.0). */
    jar: string;
  };
}

export interface FetchOptions {
  /** Apicurio Registry release; defaults to the pom's apicurio.version. */
  registryVersion?: string;
  log?: (message: string) => void;
}

const MARKER = '.complete';
const LOCK_TIMEOUT_MS = 15 * 60_000;

function componentDirs(cache: string, registryVersion: string) {
  const versions = runtimeVersions();
  return {
    versions,
    kafka: path.join(cache, `kafka-${versions.kafka}`),
    jmx: path.join(cache, `jmx-exporter-${versions.jmxExporter}`),
    registry: path.join(cache, `apicurio-${registryVersion}`),
  };
}

function findRegistryJar(home: string): string | undefined {
  const quarkusRun = path.join(home, 'quarkus-run.jar');
  if (fs.existsSync(quarkusRun)) {
    return quarkusRun;
  }
  const runner = fs.existsSync(home)
    ? fs.readdirSync(home).find(f => f.endsWith('-runner.jar'))
    : undefined;
  return runner ? path.join(home, runner) : undefined;
}

function describe(
  cache: string,
  registryVersion: string,
): FetchedRuntimes | undefined {
  const dirs = componentDirs(cache, registryVersion);
  if (
    ![dirs.kafka, dirs.jmx, dirs.registry].every(d =>
      fs.existsSync(path.join(d, MARKER)),
    )
  ) {
    return undefined;
  }
  const jar = findRegistryJar(dirs.registry);
  if (!jar) {
    return undefined;
  }
  return {
    cacheDir: cache,
    kafka: {
      version: dirs.versions.kafka,
      libDir: path.join(dirs.kafka, 'lib'),
    },
    jmxExporter: {
      version: dirs.versions.jmxExporter,
      agentJar: path.join(
        dirs.jmx,
        `jmx_prometheus_javaagent-${dirs.versions.jmxExporter}.jar`,
      ),
    },
    registry: { version: registryVersion, home: dirs.registry, jar },
  };
}

/** The cached runtimes if they are complete, without fetching anything. */
export function cachedRuntimes(
  registryVersion?: string,
): FetchedRuntimes | undefined {
  return describe(cacheDir(), registryVersion ?? runtimeVersions().apicurio);
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function withLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  const ownerFile = path.join(lockDir, 'pid');
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw e;
      }
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(ownerFile, 'utf8'));
      } catch {
        // the owner is between mkdir and writeFile, or gone
      }
      const stat = fs.statSync(lockDir, { throwIfNoEntry: false });
      const stale =
        (Number.isFinite(owner) && owner > 0 && !isAlive(owner)) ||
        (!Number.isFinite(owner) && stat && Date.now() - stat.mtimeMs > 30_000);
      if (stale) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for the fetch lock ${lockDir}`);
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function runTar(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('tar', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', chunk => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('exit', code =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `\`tar ${args.join(' ')}\` exited with ${code}: ${stderr}`,
            ),
          ),
    );
  });
}

function runMaven(args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = fs.openSync(logFile, 'w');
    const child = spawn('mvn', args, { stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    child.once('error', reject);
    child.once('exit', code => {
      if (code === 0) {
        resolve();
      } else {
        reject(
          new Error(
            `Fetching the Kafka/registry runtimes failed: \`mvn ${args.join(
              ' ',
            )}\` exited ` +
              `with ${code}. Maven needs Maven Central. Log ${logFile}:\n${tailFile(
                logFile,
              )}`,
          ),
        );
      }
    });
  });
}

/**
 * Makes sure the broker, the JMX exporter and the registry are in the cache, fetching
 * whatever is missing. Cheap when the cache is complete (no Maven run at all).
 */
export async function fetchRuntimes(
  options: FetchOptions = {},
): Promise<FetchedRuntimes> {
  const cache = cacheDir();
  const registryVersion = options.registryVersion ?? runtimeVersions().apicurio;
  const ready = describe(cache, registryVersion);
  if (ready) {
    return ready;
  }
  fs.mkdirSync(cache, { recursive: true });
  return withLock(path.join(cache, '.fetch.lock'), async () => {
    const again = describe(cache, registryVersion); // another process may have finished
    if (again) {
      return again;
    }
    checkMaven();
    const dirs = componentDirs(cache, registryVersion);
    // Start incomplete components from scratch.
    for (const dir of [dirs.kafka, dirs.jmx, dirs.registry]) {
      if (!fs.existsSync(path.join(dir, MARKER))) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    const registryComplete = fs.existsSync(path.join(dirs.registry, MARKER));
    const downloads = path.join(cache, 'downloads');

    const started = Date.now();
    options.log?.(
      `Fetching Kafka ${dirs.versions.kafka}, JMX exporter ${dirs.versions.jmxExporter} and ` +
        `Apicurio Registry ${registryVersion} with Maven into ${cache} …`,
    );
    await runMaven(
      [
        '-q',
        '-B',
        '-f',
        pomFile(),
        'generate-resources',
        `-Ddevinfra.cache=${cache}`,
        `-Dkafka.version=${dirs.versions.kafka}`,
        `-Djmx-exporter.version=${dirs.versions.jmxExporter}`,
        `-Dapicurio.version=${registryVersion}`,
        `-Ddevinfra.skipRegistry=${registryComplete}`,
      ],
      path.join(cache, 'fetch.log'),
    );
    if (!registryComplete) {
      const tarball = path.join(
        downloads,
        `apicurio-registry-app-${registryVersion}-all.tar.gz`,
      );
      fs.mkdirSync(dirs.registry, { recursive: true });
      await runTar(['-xzf', tarball, '-C', dirs.registry]);
      fs.rmSync(tarball, { force: true }); // Maven's local repository keeps a copy
    }

    const libDir = path.join(dirs.kafka, 'lib');
    const checks: Array<[string, boolean]> = [
      [
        `${libDir}/kafka_2.13-${dirs.versions.kafka}.jar`,
        fs.existsSync(
          path.join(libDir, `kafka_2.13-${dirs.versions.kafka}.jar`),
        ),
      ],
      [
        `${dirs.jmx}/jmx_prometheus_javaagent-${dirs.versions.jmxExporter}.jar`,
        fs.existsSync(
          path.join(
            dirs.jmx,
            `jmx_prometheus_javaagent-${dirs.versions.jmxExporter}.jar`,
          ),
        ),
      ],
      [
        `${dirs.registry}/{quarkus-run,*-runner}.jar`,
        !!findRegistryJar(dirs.registry),
      ],
    ];
    const missing = checks.filter(([, ok]) => !ok).map(([what]) => what);
    if (missing.length) {
      throw new Error(
        `Maven finished but these are missing: ${missing.join(', ')}`,
      );
    }
    const stamp = JSON.stringify({ fetchedAt: new Date().toISOString() });
    for (const dir of [dirs.kafka, dirs.jmx, dirs.registry]) {
      fs.writeFileSync(path.join(dir, MARKER), `${stamp}\n`);
    }
    options.log?.(`Fetched in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return describe(cache, registryVersion)!;
  });
}
