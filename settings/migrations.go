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
// No table stores a user id: answer_votes knows a voter only by the keyed
// hash of VoterHash (checked to be 64 hex digits, so a snowflake cannot slip
// in), and kept_questions keeps no author at all.
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
	{
		version: 2,
		name:    "answer_votes",
		// One row per voter and answer: the primary key makes a repeat
		// press update the row instead of adding one. question and points
		// are those of the answer, written with the first vote. points is
		// the comma-separated point numbers shown, best first.
		sqlite: `CREATE TABLE answer_votes (
	answer_id TEXT NOT NULL CHECK (answer_id <> '' AND length(answer_id) <= 100),
	voter     TEXT NOT NULL CHECK (length(voter) = 64 AND voter NOT GLOB '*[^0-9a-f]*'),
	up        INTEGER NOT NULL CHECK (up IN (0, 1)),
	question  TEXT NOT NULL CHECK (length(question) <= 500),
	points    TEXT NOT NULL CHECK (length(points) <= 256 AND points NOT GLOB '*[^0-9,]*'),
	guild_id  TEXT CHECK (guild_id <> '' AND length(guild_id) <= 20 AND guild_id NOT GLOB '*[^0-9]*'),
	voted_at  TEXT NOT NULL,
	PRIMARY KEY (answer_id, voter)
) STRICT`,
		postgres: `CREATE TABLE answer_votes (
	answer_id text NOT NULL CHECK (answer_id <> '' AND length(answer_id) <= 100),
	voter     text NOT NULL CHECK (voter ~ '^[0-9a-f]{64}$'),
	up        boolean NOT NULL,
	question  text NOT NULL CHECK (length(question) <= 500),
	points    text NOT NULL CHECK (points ~ '^([0-9]{1,3}(,[0-9]{1,3})*)?$'),
	guild_id  text CHECK (guild_id ~ '^[0-9]{1,20}$'),
	voted_at  timestamptz NOT NULL,
	PRIMARY KEY (answer_id, voter)
)`,
	},
	{
		version: 3,
		name:    "kept_questions",
		// One row each time a question matched nothing; planbot feedback
		// groups them.
		sqlite: `CREATE TABLE kept_questions (
	id       INTEGER PRIMARY KEY,
	question TEXT NOT NULL CHECK (question <> '' AND length(question) <= 500),
	guild_id TEXT CHECK (guild_id <> '' AND length(guild_id) <= 20 AND guild_id NOT GLOB '*[^0-9]*'),
	kept_at  TEXT NOT NULL
) STRICT`,
		postgres: `CREATE TABLE kept_questions (
	id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	question text NOT NULL CHECK (question <> '' AND length(question) <= 500),
	guild_id text CHECK (guild_id ~ '^[0-9]{1,20}$'),
	kept_at  timestamptz NOT NULL
)`,
	},
	{
		version: 4,
		name:    "store_secrets",
		// Keys planbot makes for itself and every replica must share,
		// such as the vote key of VoteKey when PLANBOT_VOTE_KEY is unset.
		sqlite: `CREATE TABLE store_secrets (
	name       TEXT PRIMARY KEY,
	value      BLOB NOT NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT`,
		postgres: `CREATE TABLE store_secrets (
	name       text PRIMARY KEY,
	value      bytea NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
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
