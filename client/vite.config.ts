import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The server (NestJS) listens here in development; `pnpm dev` runs both. */
const SERVER = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // `shared` as TypeScript source (its package points at its compiled build, for Node).
    alias: { '@spil/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
    // One copy of Yjs and its helpers in the bundle, or sync breaks ("Yjs was already imported").
    dedupe: ['yjs', 'y-protocols', 'lib0', '@tiptap/pm', '@tiptap/core'],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: SERVER },
      '/socket.io': { target: SERVER, ws: true },
      '/collab': { target: SERVER, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
