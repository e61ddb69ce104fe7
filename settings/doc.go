// Package settings keeps planbot's per-server settings, such as the default
// plan version of each Discord server, in SQLite (one process, the default) or
// PostgreSQL (several replicas sharing one setting per server). It creates and
// migrates its schema on open and imports no other planbot package: it knows
// nothing of the corpus, the index or Discord beyond the shape of an id.
package settings
