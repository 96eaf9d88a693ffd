// The page's status line (loading, done) and its alert (the API is unavailable, or refused a request).

import { ApiError, ApiUnavailable } from './api.js';
import { h, clear } from './dom.js';

/** What was asked for is not in the graph (an unknown id in the URL). */
export class NotFound extends Error {
  constructor(message) {
    super(message);
    this.name = 'NotFound';
  }
}

/** One line a person can act on, for any failure of the API. */
export function describeError(error) {
  if (error instanceof NotFound) return error.message;
  if (error instanceof ApiUnavailable && error.storeDown) {
    return 'The graph store is unavailable: the API is running but cannot reach its database. Try again in a minute.';
  }
  if (error instanceof ApiUnavailable) {
    return `The peelgraph API is unavailable (${error.message}). Check that the server is running, then try again.`;
  }
  if (error instanceof ApiError) return `The API refused the request: ${error.message}`;
  return `Something went wrong: ${error.message}`;
}

export function createStatus(line, alert) {
  function setState(state) {
    document.body.dataset.state = state;
  }

  return {
    loading(message) {
      setState('loading');
      clear(alert);
      line.classList.add('busy');
      line.textContent = message;
    },

    done(message) {
      setState('ready');
      line.classList.remove('busy');
      line.textContent = message;
    },

    failed(error, retry) {
      setState('error');
      line.classList.remove('busy');
      line.textContent = '';
      const unavailable = error instanceof ApiUnavailable;
      const heading = unavailable ? 'The API is unavailable' : error instanceof NotFound ? 'Not found' : 'The request failed';
      clear(
        alert,
        h(
          'div',
          { className: unavailable ? 'alert unavailable' : 'alert' },
          h('strong', {}, heading),
          h('p', {}, describeError(error)),
          retry ? h('button', { type: 'button', onclick: retry }, 'Try again') : null,
        ),
      );
    },

    /** A failure that leaves the rest of the page usable (expanding one node). */
    notice(message) {
      line.classList.remove('busy');
      line.textContent = message;
    },
  };
}
