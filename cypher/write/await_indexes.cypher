// Wait (up to 60 s) until every index is online, so the first queries after a load are fast.
// Parameters: none. Returns: nothing.
CALL db.awaitIndexes(60)
