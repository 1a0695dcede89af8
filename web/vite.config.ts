// The console's build: `npm run build:web` writes web/dist, which the API serves at `/` (src/plugins/console.ts).
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { defineConfig } from 'vite'
import { precompress } from './build/precompress.ts'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    vue(),
    // Element Plus components and their styles are imported where used, never the whole library.
    AutoImport({ resolvers: [ElementPlusResolver()], dts: here('src/auto-imports.d.ts') }),
    Components({ resolvers: [ElementPlusResolver()], dts: here('src/components.d.ts'), dirs: [] }),
    precompress(),
  ],
  resolve: { alias: { '@': here('src') } },
  build: { outDir: here('dist'), emptyOutDir: true, assetsDir: 'assets', chunkSizeWarningLimit: 1200 },
  server: {
    // `npm run dev:web`: Vite serves the console, the API (npm start, or API_URL) answers /api.
    proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
})
