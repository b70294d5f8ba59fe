import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// `npm run build:console` (vite build console): the staff console into dist/console, served by the
// service at /console/.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  // antd's CSS-in-JS writes <style> elements. The build marks where the nonce goes (the nonce
  // attributes and the csp-nonce meta tag); the service puts a fresh one there for every request.
  html: { cspNonce: 'PUFA_CSP_NONCE' },
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
  },
})
