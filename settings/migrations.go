package settings

// A migration is one step of the schema, written once per dialect. Both
// stores apply, in order, every migration whose version their
// schema_migrations table lacks, each in the transaction that records it.
//
// Migrations are append-only: never edit or renumber one that has shipped;
// add the next version instead. Keep them additive (new tables, new nullable
// columns) so that a replica still running the previous release keeps
// working while a newer one migrates the shared database.
//
// Planned next (issue 8, not built yet): 2 answer_votes (answer id, keyed
// hash of the voter, vote, question text, points shown, time; unique on
// answer id and voter hash so a repeat press updates the one row) and
// 3 kept_questions (question text, time, why it was kept). Neither stores a
// user id.
type migration struct {
	version  int
	name     string
	sqlite   string
	postgres string
}

// migrations is the schema, oldest first; versions run 1, 2, 3… without gaps.
var migrations = []migration{
	{
		version: 1,
		name:    "guild_settings",
		// version is nullable so that later per-guild settings can be
		// columns of the same row without a version being set.
		sqlite: `CREATE TABLE guild_settings (
	guild_id   TEXT PRIMARY KEY
	           CHECK (guild_id <> '' AND length(guild_id) <= 20 AND guild_id NOT GLOB '*[^0-9]*'),
	version    TEXT
	           CHECK (version <> '' AND length(version) <= 64 AND version NOT GLOB '*[^a-z0-9-]*'),
	updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT`,
		postgres: `CREATE TABLE guild_settings (
	guild_id   text PRIMARY KEY CHECK (guild_id ~ '^[0-9]{1,20}$'),
	version    text CHECK (version ~ '^[a-z0-9-]{1,64}$'),
	updated_at timestamptz NOT NULL DEFAULT now()
)`,
	},
}

// schemaMigrationsSQLite and schemaMigrationsPostgres create the table that
// records which migrations have been applied.
const (
	schemaMigrationsSQLite = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT`
	schemaMigrationsPostgres = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    integer PRIMARY KEY,
	name       text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`
)

// latestVersion is the schema version this binary migrates to.
func latestVersion() int {
	return migrations[len(migrations)-1].version
}

// pending returns the migrations whose version is not in have, in order.
func pending(have map[int]bool) []migration {
	var todo []migration
	for _, m := range migrations {
		if !have[m.version] {
			todo = append(todo, m)
		}
	}
	return todo
}

// maxVersion returns the highest version in have, 0 for none.
func maxVersion(have map[int]bool) int {
	n := 0
	for v := range have {
		n = max(n, v)
	}
	return n
}
