import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Plugin } from 'vite'

/** Writes `.gz` and `.br` beside each text asset, so the server sends them without compressing per request. */
export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'duban-precompress',
    apply: 'build',
    configResolved(config) { outDir = config.build.outDir },
    closeBundle() {
      const assets = path.join(outDir, 'assets')
      if (!fs.existsSync(assets)) return
      for (const name of fs.readdirSync(assets)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue
        const file = path.join(assets, name)
        const body = fs.readFileSync(file)
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }))
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }))
      }
    },
  }
}
