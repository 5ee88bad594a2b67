/*
 * Where the harness keeps fetched runtimes (cache) and per-run state (run dir).
 *
 *   <repo>/.cache/dev-infra/    fetched jars and the unpacked registry (MESHPORT_INFRA_CACHE)
 *   <repo>/.cache/run/          configs, data, logs and pids of the running infra (MESHPORT_INFRA_RUN_DIR)
 *   <repo>/.cache/run/infra.json  connection file for other processes (MESHPORT_INFRA_FILE)
 */
import path from 'path';

/** The `packages/dev-infra` folder (works from `src/` and from a built `dist/`). */
export function packageDir(): string {
  // This private package always runs from its own folder (src/ via the Node transform, or
  // dist/), never from a bundle, so __dirname is reliable here.
  // eslint-disable-next-line no-restricted-syntax
  return path.resolve(__dirname, '..');
}

/** The monorepo root. */
export function repoRoot(): string {
  return path.resolve(packageDir(), '..', '..');
}

/** The Maven project that lists what is fetched (never built or published). */
export function pomFile(): string {
  return path.join(packageDir(), 'java', 'pom.xml');
}

/** Fetched runtimes; gitignored. Override with MESHPORT_INFRA_CACHE. */
export function cacheDir(): string {
  const fromEnv = process.env.MESHPORT_INFRA_CACHE;
  return fromEnv
    ? path.resolve(fromEnv)
    : path.join(repoRoot(), '.cache', 'dev-infra');
}

/** Default run dir, next to the cache. Override with MESHPORT_INFRA_RUN_DIR. */
export function defaultRunDir(): string {
  const fromEnv = process.env.MESHPORT_INFRA_RUN_DIR;
  return fromEnv ? path.resolve(fromEnv) : path.join(cacheDir(), '..', 'run');
}

/** Connection file shared between processes. Override with MESHPORT_INFRA_FILE. */
export function defaultConnectionFile(): string {
  const fromEnv = process.env.MESHPORT_INFRA_FILE;
  return fromEnv
    ? path.resolve(fromEnv)
    : path.join(cacheDir(), '..', 'run', 'infra.json');
}
