// Package settings keeps planbot's per-server settings, such as the default
// plan version of each Discord server, and the feedback on its answers (👍/👎
// votes known only by a keyed hash of the voter, and the questions that
// matched nothing), in SQLite (one process, the default) or PostgreSQL
// (several replicas sharing one setting per server). It creates and
// migrates its schema on open and imports no other planbot package: it knows
// nothing of the corpus, the index or Discord beyond the shape of an id.
package settings
