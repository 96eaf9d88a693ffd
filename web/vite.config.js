import { defineConfig } from 'vite';

// `npm run build` writes a plain static site to dist/ (relative asset paths, so it can be served from
// any directory); `npm run dev` proxies /graphql to a local `peelgraph serve`.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    proxy: { '/graphql': process.env.PEELGRAPH_API ?? 'http://127.0.0.1:8000' },
  },
});
