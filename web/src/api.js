// The GraphQL client: the Explorer's only way to the data is the public API at /graphql.

const ENDPOINT = import.meta.env.VITE_GRAPHQL_URL || '/graphql';

const UNAVAILABLE = 'graph store unavailable';

/** The API (or the graph store behind it) did not answer: nothing the user asked for is wrong. */
export class ApiUnavailable extends Error {
  constructor(reason, options) {
    super(reason, options);
    this.name = 'ApiUnavailable';
    this.storeDown = reason === UNAVAILABLE;
  }
}

/** The API answered with errors about the request itself. */
export class ApiError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The `data` of one operation; throws ApiUnavailable or ApiError. */
export async function request(document, variables = {}, { signal } = {}) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document, variables }),
      signal,
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiUnavailable(`no answer from ${ENDPOINT}`, { cause: error });
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's or server's error page: handled below by the status.
  }
  const errors = body?.errors ?? [];
  if (errors.some((error) => error.extensions?.code === 'GRAPH_UNAVAILABLE' || error.message === UNAVAILABLE)) {
    throw new ApiUnavailable(UNAVAILABLE);
  }
  if (!body || (!response.ok && !body.data)) {
    if (response.status >= 500 || !body) throw new ApiUnavailable(`${ENDPOINT} answered HTTP ${response.status}`);
    throw new ApiError(errors.map((error) => error.message).join('; ') || `HTTP ${response.status}`);
  }
  if (errors.length) throw new ApiError(errors.map((error) => error.message).join('; '));
  return body.data;
}

/** Remembers answers by key for the page's lifetime (the data is read-only). */
export function cached(load) {
  const answers = new Map();
  return (key, ...rest) => {
    if (!answers.has(key)) {
      const answer = load(key, ...rest);
      answers.set(key, answer);
      answer.catch(() => answers.delete(key));
    }
    return answers.get(key);
  };
}
