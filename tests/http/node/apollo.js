// Apollo Client with automatic persisted queries over GET, as docs/app-builders.md sets it up.
// Usage: node apollo.js <graphql url> <force id> [operation name suffix, for a document the server has not seen]
// Asks for the force twice, each time with a new client (a page loaded afresh), and prints one JSON array: each
// client's answer and the HTTP requests it made ({method, hashOnly, status, etag}); tests/http/test_apollo.py
// reads it.
import { createHash } from 'node:crypto';

import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';

const [url, force, suffix = ''] = process.argv.slice(2);
const FORCE = gql(`
  query ForceName${suffix}($id: ID!) {
    force(id: $id) { id name rocu { acronym } }
  }
`);

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

function client(requests) {
  const recording = async (input, init) => {
    const response = await fetch(input, init);
    const sent = init.method === 'GET' ? new URL(input).searchParams.get('query') : JSON.parse(init.body).query;
    requests.push({ method: init.method, hashOnly: !sent, status: response.status, etag: response.headers.get('etag') });
    return response;
  };
  const link = createPersistedQueryLink({ sha256, useGETForHashedQueries: true })
    .concat(new HttpLink({ uri: url, fetch: recording }));
  return new ApolloClient({ cache: new InMemoryCache(), link });
}

const runs = [];
for (let run = 0; run < 2; run += 1) {
  const requests = [];
  const { data } = await client(requests).query({ query: FORCE, variables: { id: force } });
  runs.push({ data, requests });
}
process.stdout.write(`${JSON.stringify(runs)}\n`);
