// `npm run build`: bundles the service for `npm start` and `npm run worker`, so they run as plain JavaScript on
// node, without a TypeScript loader in the process (that alone held some 50 MB of every process's memory).
import { build, type BuildOptions } from 'esbuild'
import fs from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Worker-thread entries the server starts by file (src/importing/ledger-export.ts finds it under dist/). */
const WORKER_ENTRIES = ['src/importing/ledger-export-worker.ts']

/** One ESM file per entry point (and the worker threads' entries); packages stay in node_modules. The bench bundles its server the same way. */
export async function bundle(entryPoints: string[], out: Pick<BuildOptions, 'outdir' | 'outfile'>): Promise<void> {
  await build({
    absWorkingDir: root, entryPoints: out.outdir ? [...entryPoints, ...WORKER_ENTRIES] : entryPoints, outbase: '.', ...out,
    bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', sourcemap: true, logLevel: 'warning',
  })
}

/**
 * The node flags `npm start` gives the bundle (package.json holds them), so that the bench and the tests run a
 * bundle as the service runs. Among them, --no-allocation-site-pretenuring: with it, V8 stopped moving a burst
 * of cold task pages' short-lived objects straight to the old generation, which had sent the API's peak memory
 * from about 250 MB to 340 MB in one bench run of three or four; and --max-old-space-size=1024, which makes V8
 * collect the old generation at a smaller multiple of what survived (README, Benchmark).
 */
export function startFlags(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(`${root}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts
  const m = /^node ((?:--\S+ )*)dist\//.exec(scripts.start ?? '')
  if (!m) throw new Error('package.json scripts.start should read `node [--flags] dist/…`')
  return m[1]!.trim().split(' ').filter(Boolean)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundle(['src/server.ts', 'workers/main.ts'], { outdir: 'dist' })
}
