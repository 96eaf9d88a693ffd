// The GraphQL playground: GraphiQL with the query-builder plugin, bundled here (nothing is fetched from
// another host), opening on the example queries the server puts in the page.
import { explorerPlugin } from '@graphiql/plugin-explorer';
import '@graphiql/plugin-explorer/dist/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import './playground.css';

const examples = JSON.parse(document.getElementById('peelgraph-examples').textContent || '""');
// The page is served by the API's own route (GET /graphql asking for HTML): queries go back to it.
const fetcher = createGraphiQLFetcher({ url: window.location.pathname });
// GraphiQL keeps the editor's text between visits, but keeps an empty one when the examples were never
// edited: then the examples again, not an empty editor.
const kept = window.localStorage.getItem('graphiql:query');

createRoot(document.getElementById('graphiql')).render(
  createElement(
    GraphiQL,
    {
      fetcher,
      defaultQuery: examples,
      ...(kept ? {} : { query: examples }),
      plugins: [explorerPlugin()],
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
      isHeadersEditorEnabled: true,
    },
    createElement(GraphiQL.Logo, null, 'peelgraph'),
  ),
);
