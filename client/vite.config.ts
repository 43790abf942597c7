import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The server (NestJS) listens here in development; `pnpm dev` runs both. */
const SERVER = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
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
