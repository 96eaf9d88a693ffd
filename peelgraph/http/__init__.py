"""HTTP policy for the server: how GraphQL requests are answered, cached and limited, and the playground page."""
