// The connecting user's own password, changed on the `system` database (the managed Neo4j's old default one).
// Parameters: $old, $new. Returns nothing.
ALTER CURRENT USER SET PASSWORD FROM $old TO $new
