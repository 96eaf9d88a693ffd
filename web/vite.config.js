import { defineConfig } from 'vite';

import { DOCUMENTS } from './src/documents.js';

/** dist/explorer-operations.json: the Explorer's GraphQL documents, for `peelgraph allowlist`. */
const explorerOperations = {
  name: 'explorer-operations',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'explorer-operations.json', source: JSON.stringify(DOCUMENTS, null, 1) });
  },
};

// `npm run build` writes a plain static site to dist/ (relative asset paths, so it can be served from
// any directory): the Explorer (index.html) and the GraphQL playground (playground.html, which the API
// serves at GET /graphql), and the Explorer's queries as explorer-operations.json. `npm run dev` proxies
// /graphql to a local `peelgraph serve`.
export default defineConfig({
  base: './',
  plugins: [explorerOperations],
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
