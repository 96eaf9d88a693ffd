import { defineConfig } from 'vite';

// `npm run build` writes a plain static site to dist/ (relative asset paths, so it can be served from
// any directory): the Explorer (index.html) and the GraphQL playground (playground.html, which the API
// serves at GET /graphql). `npm run dev` proxies /graphql to a local `peelgraph serve`.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: { input: { explorer: 'index.html', playground: 'playground.html' } },
  },
  server: {
    proxy: { '/graphql': process.env.PEELGRAPH_API ?? 'http://127.0.0.1:8000' },
  },
});
