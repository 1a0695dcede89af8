// `npm run build`: bundles the service for `npm start` and `npm run worker`, so they run as plain JavaScript on
// node, without a TypeScript loader in the process (that alone held some 50 MB of every process's memory).
import { build, type BuildOptions } from 'esbuild'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** One ESM file per entry point; packages stay in node_modules. The bench bundles its server the same way. */
export async function bundle(entryPoints: string[], out: Pick<BuildOptions, 'outdir' | 'outfile'>): Promise<void> {
  await build({
    absWorkingDir: root, entryPoints, outbase: '.', ...out,
    bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', sourcemap: true, logLevel: 'warning',
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundle(['src/server.ts', 'workers/main.ts'], { outdir: 'dist' })
}
