// Package fleet keeps every replica and gateway shard of one planbot on the
// same corpus through PostgreSQL: the process that rebuilt its index after
// /reindex announces the corpus hash with NOTIFY, the others LISTEN, reload
// their own copy of the corpus folder when it holds that corpus, and record
// in a table which corpus each serves. It imports corpus and index, never
// bot: the Discord side calls it through an interface of its own.
package fleet
