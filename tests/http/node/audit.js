// The GraphQL over HTTP audit: graphql-http's serverAudits run against the URL given as the only argument.
// Prints one JSON array, an entry per audit ({id, name, status, reason?}); tests/http/test_http_spec.py reads it.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.js <graphql url>');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({ id: result.id, name: result.name, status: result.status, reason: result.reason ?? null });
}
process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
