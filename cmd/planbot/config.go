package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/joho/godotenv"

	"github.com/planbot/planbot/bot"
	"github.com/planbot/planbot/internal/snowflake"
	"github.com/planbot/planbot/settings"
)

// Config is every setting planbot reads, merged once from flags, then the
// environment, then an optional .env file, into typed fields, and passed
// down as values. LoadConfig parses the environment once; Validate reports
// what did not parse and checks the rest once the flags are in. Nothing
// below cmd/ reads the environment.
type Config struct {
	// CorpusDir is the corpus folder to load; "" means the embedded default
	// corpus. PLANBOT_CORPUS_DIR, or --corpus.
	CorpusDir string

	// DiscordToken is the bot token, without the "Bot " prefix. Secret:
	// LogValue redacts it. DISCORD_TOKEN.
	DiscordToken string
	// DiscordAppID is the application id slash commands are registered
	// under. DISCORD_APP_ID.
	DiscordAppID string
	// DiscordGuildID, when set, registers the commands in that one server
	// (instant) instead of globally. DISCORD_GUILD_ID.
	DiscordGuildID string
	// DiscordPublicKey is the application's ed25519 key that signs
	// interactions sent over HTTP. DISCORD_PUBLIC_KEY, 64 hex characters
	// (bot.ParsePublicKey).
	DiscordPublicKey ed25519.PublicKey
	// DiscordAPIBase is the REST API base URL, ending in "/".
	// DISCORD_API_BASE (bot.ParseAPIBase), default bot.DefaultAPIBase.
	DiscordAPIBase string

	// AdminRole is the numeric id of the Discord role allowed to run
	// /reindex. PLANBOT_ADMIN_ROLE.
	AdminRole string
	// HTTPAddr is where the interactions endpoint listens ("" for none).
	// PLANBOT_HTTP_ADDR.
	HTTPAddr string
	// MetricsAddr is where metrics and health are served ("" for none).
	// PLANBOT_METRICS_ADDR.
	MetricsAddr string
	// WebAddr is where the web pages are served in gateway mode ("" for
	// nowhere); in HTTP mode they are also served on HTTPAddr.
	// PLANBOT_WEB_ADDR, or --web.
	WebAddr string
	// PublicURL is the address readers reach the web pages at, e.g.
	// https://plan.example.org; when set, answers about a point carry a
	// "Read on the web" link button. PLANBOT_PUBLIC_URL.
	PublicURL string
	// LogLevel is PLANBOT_LOG_LEVEL: debug, info (the default), warn or
	// error.
	LogLevel slog.Level

	// DataDir is the folder of the SQLite settings database (each server's
	// default plan version). PLANBOT_DATA_DIR, default "data" in the
	// working directory.
	DataDir string
	// DatabaseURL, when set, keeps the settings in PostgreSQL instead, so
	// that several replicas share them. Secret: LogValue hides its
	// password. PLANBOT_DATABASE_URL.
	DatabaseURL string

	// KeepQuestions keeps the questions that match no point of the plan in
	// the settings store, for planbot feedback. Off by default: they are
	// what people typed. PLANBOT_KEEP_QUESTIONS, true or false.
	KeepQuestions bool
	// VoteKey is the secret key of settings.VoterHash, which stands for
	// the voter of a 👍/👎; "" means the key the store makes and keeps
	// (see VoteHashKey). Secret: LogValue redacts it. PLANBOT_VOTE_KEY.
	VoteKey string

	// ChangelogChannel is the id of the channel where a /reindex that
	// changed something posts what changed; "" for none. Posting needs
	// DISCORD_TOKEN. PLANBOT_CHANGELOG_CHANNEL.
	ChangelogChannel string
	// ShardID and ShardCount run this process as gateway shard ShardID of
	// ShardCount, one process per shard; ShardCount 0 (unset) or 1 runs
	// one process for every server. PLANBOT_SHARD_ID, PLANBOT_SHARD_COUNT.
	ShardID, ShardCount int
	// ReindexGuilds are the only servers whose admins may run /reindex;
	// nil lets every server's. PLANBOT_REINDEX_GUILDS, comma-separated
	// ids, or * for every server; unset: DISCORD_GUILD_ID when that is
	// set, else every server.
	ReindexGuilds []string
	// ShutdownGrace is how long serve, once told to stop (SIGTERM), waits
	// for the replies in flight. PLANBOT_SHUTDOWN_GRACE, a Go duration,
	// default 10s.
	ShutdownGrace time.Duration
	// ReplicaID names this process among the replicas and shards that
	// share PLANBOT_DATABASE_URL, in the table of which corpus each serves
	// and in /reindex's reply; "" means host name and process id.
	// PLANBOT_REPLICA_ID.
	ReplicaID string

	// problems are the variables LoadConfig could not parse, each with
	// what to do; Validate returns them with its own.
	problems []error
	// shardIDSet and reindexGuildsSet say the variable was given, where
	// its zero value means something else.
	shardIDSet, reindexGuildsSet bool
}

// reindexGuilds reads PLANBOT_REINDEX_GUILDS: the listed ids, nil for *
// (every server).
func reindexGuilds(list string) []string {
	if strings.TrimSpace(list) == "*" {
		return nil
	}
	var ids []string
	for _, id := range strings.Split(list, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// defaultShutdownGrace is PLANBOT_SHUTDOWN_GRACE when it is not set:
// enough for a reindex under way, inside the 30 s a container runtime
// usually waits between SIGTERM and SIGKILL.
const defaultShutdownGrace = 10 * time.Second

// defaultDataDir is PLANBOT_DATA_DIR when it is not set. A variable, so
// that the package's tests point it at a temporary folder.
var defaultDataDir = defaultDataDirName

// defaultDataDirName is the data folder of a planbot started without
// PLANBOT_DATA_DIR, relative to where it starts.
const defaultDataDirName = "data"

// lookupFunc finds an environment variable, like os.LookupEnv.
type lookupFunc func(key string) (string, bool)

// envVars lists every variable LoadConfig reads, with how it is parsed
// into the Config: set receives the trimmed, non-empty value and returns
// what to do when it does not parse.
var envVars = []struct {
	name string
	set  func(c *Config, v string) error
}{
	{"PLANBOT_CORPUS_DIR", func(c *Config, v string) error { c.CorpusDir = v; return nil }},
	{"DISCORD_TOKEN", func(c *Config, v string) error { c.DiscordToken = v; return nil }},
	{"DISCORD_APP_ID", func(c *Config, v string) error { c.DiscordAppID = v; return nil }},
	{"DISCORD_GUILD_ID", func(c *Config, v string) error { c.DiscordGuildID = v; return nil }},
	{"DISCORD_PUBLIC_KEY", func(c *Config, v string) (err error) {
		c.DiscordPublicKey, err = bot.ParsePublicKey(v)
		return err
	}},
	{"DISCORD_API_BASE", func(c *Config, v string) error {
		u, err := bot.ParseAPIBase(v)
		if err != nil {
			return fmt.Errorf("%q: use an absolute http(s) URL such as %s", v, bot.DefaultAPIBase)
		}
		c.DiscordAPIBase = u.String()
		return nil
	}},
	{"PLANBOT_ADMIN_ROLE", func(c *Config, v string) error { c.AdminRole = v; return nil }},
	{"PLANBOT_HTTP_ADDR", func(c *Config, v string) error { c.HTTPAddr = v; return nil }},
	{"PLANBOT_METRICS_ADDR", func(c *Config, v string) error { c.MetricsAddr = v; return nil }},
	{"PLANBOT_WEB_ADDR", func(c *Config, v string) error { c.WebAddr = v; return nil }},
	{"PLANBOT_PUBLIC_URL", func(c *Config, v string) error { c.PublicURL = v; return nil }},
	{"PLANBOT_LOG_LEVEL", func(c *Config, v string) (err error) {
		if c.LogLevel, err = parseLevel(v); err != nil {
			return fmt.Errorf("%q: use debug, info, warn or error", v)
		}
		return nil
	}},
	{"PLANBOT_DATA_DIR", func(c *Config, v string) error { c.DataDir = v; return nil }},
	{"PLANBOT_DATABASE_URL", func(c *Config, v string) error { c.DatabaseURL = v; return nil }},
	{"PLANBOT_KEEP_QUESTIONS", func(c *Config, v string) (err error) {
		if c.KeepQuestions, err = strconv.ParseBool(v); err != nil {
			return fmt.Errorf("%q: use true or false", v)
		}
		return nil
	}},
	{"PLANBOT_VOTE_KEY", func(c *Config, v string) error { c.VoteKey = v; return nil }},
	{"PLANBOT_CHANGELOG_CHANNEL", func(c *Config, v string) error { c.ChangelogChannel = v; return nil }},
	{"PLANBOT_SHARD_COUNT", func(c *Config, v string) (err error) {
		if c.ShardCount, err = strconv.Atoi(v); err != nil || c.ShardCount < 1 || c.ShardCount > maxShards {
			c.ShardCount = 0
			return fmt.Errorf("%q: use the number of shards the bot runs, 1 to %d (one process per shard)", v, maxShards)
		}
		return nil
	}},
	{"PLANBOT_SHARD_ID", func(c *Config, v string) (err error) {
		if c.ShardID, err = strconv.Atoi(v); err != nil || c.ShardID < 0 {
			c.ShardID = 0
			return fmt.Errorf("%q: use this process's shard number, from 0 to PLANBOT_SHARD_COUNT-1", v)
		}
		c.shardIDSet = true
		return nil
	}},
	{"PLANBOT_SHUTDOWN_GRACE", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("%q: use a duration such as 10s or 1m", v)
		}
		c.ShutdownGrace = d
		return nil
	}},
	{"PLANBOT_REINDEX_GUILDS", func(c *Config, v string) error {
		c.reindexGuildsSet = true
		c.ReindexGuilds = reindexGuilds(v)
		for _, g := range c.ReindexGuilds {
			if !snowflake.Valid(g) {
				return fmt.Errorf(": %q is not a server id: list numeric ids separated by commas, or * for every server", g)
			}
		}
		return nil
	}},
	{"PLANBOT_REPLICA_ID", func(c *Config, v string) error { c.ReplicaID = v; return nil }},
}

// LoadConfig reads the configuration from env once, applying defaults for
// what is unset or empty. What does not parse is kept for Validate to
// report; command flags override the result before it is called.
func LoadConfig(env lookupFunc) Config {
	c := Config{DiscordAPIBase: bot.DefaultAPIBase, LogLevel: slog.LevelInfo, DataDir: defaultDataDir, ShutdownGrace: defaultShutdownGrace}
	for _, v := range envVars {
		s, ok := env(v.name)
		if s = strings.TrimSpace(s); !ok || s == "" {
			continue
		}
		if err := v.set(&c, s); err != nil {
			c.problems = append(c.problems, fmt.Errorf("%s%s", v.name, problemText(err)))
		}
	}
	if !c.reindexGuildsSet && c.DiscordGuildID != "" {
		c.ReindexGuilds = []string{c.DiscordGuildID} // unset: the development server only
	}
	c.problems = append(c.problems, c.checkShards()...)
	return c
}

// problemText puts a parse error after its variable's name: `="value":
// what to do` for most, ": what to do" for those starting with ":" and
// for bot.ParsePublicKey's.
func problemText(err error) string {
	switch msg := err.Error(); {
	case strings.HasPrefix(msg, `"`):
		return "=" + msg
	case strings.HasPrefix(msg, ":"):
		return msg
	default:
		return ": " + strings.TrimPrefix(msg, "public key: ")
	}
}

// withDotEnv returns a lookup that consults env first and then the .env
// file at path, so a real environment variable always wins. A missing file
// is fine; an unreadable or malformed one is an error.
func withDotEnv(path string, env lookupFunc) (lookupFunc, error) {
	file, err := godotenv.Read(path)
	if errors.Is(err, fs.ErrNotExist) {
		return env, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w (fix the file or remove it; see .env.example)", path, err)
	}
	return func(key string) (string, bool) {
		if v, ok := env(key); ok {
			return v, true
		}
		v, ok := file[key]
		return v, ok
	}, nil
}

// Validate returns every problem of the configuration, each naming its
// variable and what to do: those LoadConfig found parsing the environment,
// then those of the values flags may have set.
func (c Config) Validate() error {
	errs := append([]error(nil), c.problems...)
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	for _, id := range []struct{ name, v string }{{"DISCORD_APP_ID", c.DiscordAppID}, {"DISCORD_GUILD_ID", c.DiscordGuildID}, {"PLANBOT_ADMIN_ROLE", c.AdminRole},
		{"PLANBOT_CHANGELOG_CHANNEL", c.ChangelogChannel}} {
		if id.v != "" && !snowflake.Valid(id.v) {
			bad("%s=%q: use the numeric id (Discord developer mode, right-click, Copy ID)", id.name, id.v)
		}
	}
	if strings.ContainsAny(c.DiscordToken, " \t") {
		bad(`DISCORD_TOKEN contains a space: give the bare token, without a "Bot " prefix`)
	}
	errs = append(errs, c.validateAddrs()...)
	if u, err := url.Parse(c.PublicURL); c.PublicURL != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "") {
		bad("PLANBOT_PUBLIC_URL=%q: use the absolute http(s) address the pages are reached at, e.g. https://plan.example.org", c.PublicURL)
	}
	if n := len(c.VoteKey); n > 0 && n < minVoteKeyLen {
		bad("PLANBOT_VOTE_KEY is %d characters long: use at least %d random ones (openssl rand -hex 32), or leave it empty for a key kept in the settings store", n, minVoteKeyLen)
	}
	if n := len(c.ReplicaID); n > 100 || strings.ContainsFunc(c.ReplicaID, unicode.IsControl) {
		bad("PLANBOT_REPLICA_ID: use a short name (at most 100 characters, e.g. web-1 or shard-0)")
	}
	return errors.Join(errs...)
}

// validateAddrs checks the listening addresses, which serve's flags may
// set: host:port each, and no two the same.
func (c Config) validateAddrs() []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for _, a := range []struct{ name, v string }{{"PLANBOT_HTTP_ADDR", c.HTTPAddr}, {"PLANBOT_METRICS_ADDR", c.MetricsAddr}, {"PLANBOT_WEB_ADDR", c.WebAddr}} {
		if a.v == "" {
			continue
		}
		if _, port, err := net.SplitHostPort(a.v); err != nil || !isPort(port) {
			bad("%s=%q: use host:port or :port, e.g. :8080", a.name, a.v)
		}
	}
	if c.HTTPAddr != "" && c.HTTPAddr == c.MetricsAddr && !strings.HasSuffix(c.HTTPAddr, ":0") { // port 0: any free one
		bad("PLANBOT_HTTP_ADDR and PLANBOT_METRICS_ADDR are both %q: give them different ports", c.HTTPAddr)
	}
	if c.WebAddr != "" && (c.WebAddr == c.HTTPAddr || c.WebAddr == c.MetricsAddr) && !strings.HasSuffix(c.WebAddr, ":0") {
		bad("PLANBOT_WEB_ADDR=%q is also PLANBOT_HTTP_ADDR or PLANBOT_METRICS_ADDR: the pages are served on PLANBOT_HTTP_ADDR already; give PLANBOT_WEB_ADDR its own port or leave it empty", c.WebAddr)
	}
	return errs
}

// maxShards is the highest PLANBOT_SHARD_COUNT accepted, far above what
// Discord asks of a bot (one shard per 2,500 servers).
const maxShards = 4096

// checkShards checks PLANBOT_SHARD_ID against PLANBOT_SHARD_COUNT, both
// parsed: 0 <= id < count, and an id for every process of several.
func (c Config) checkShards() []error {
	switch {
	case !c.shardIDSet && c.ShardCount > 1:
		return []error{fmt.Errorf("PLANBOT_SHARD_ID is not set but PLANBOT_SHARD_COUNT=%d: give each process its shard, 0 to %d", c.ShardCount, c.ShardCount-1)}
	case c.shardIDSet && c.ShardCount == 0:
		return []error{fmt.Errorf("PLANBOT_SHARD_ID=%d needs PLANBOT_SHARD_COUNT, the number of shards", c.ShardID)}
	case c.ShardCount > 0 && c.ShardID >= c.ShardCount:
		return []error{fmt.Errorf("PLANBOT_SHARD_ID=%d: shards are numbered 0 to %d when PLANBOT_SHARD_COUNT=%d", c.ShardID, c.ShardCount-1, c.ShardCount)}
	}
	return nil
}

// Sharded reports whether this process runs one shard of several.
func (c Config) Sharded() bool { return c.ShardCount > 1 }

// ValidateBot checks that what the Discord bot needs is set; serve calls it
// after Validate.
func (c Config) ValidateBot() error {
	var missing []string
	if c.DiscordToken == "" {
		missing = append(missing, "DISCORD_TOKEN")
	}
	if c.DiscordAppID == "" {
		missing = append(missing, "DISCORD_APP_ID")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s not set: copy .env.example to .env and fill it in (Discord Developer Portal, your application)", strings.Join(missing, " and "))
	}
	return nil
}

// ValidateHTTP checks that what the HTTP interactions endpoint needs is
// set; serve calls it after Validate when PLANBOT_HTTP_ADDR or --http is
// given. The token is optional there: without it the commands are not
// registered at start.
func (c Config) ValidateHTTP() error {
	var missing []string
	if c.DiscordPublicKey == nil {
		missing = append(missing, "DISCORD_PUBLIC_KEY")
	}
	if c.DiscordAppID == "" {
		missing = append(missing, "DISCORD_APP_ID")
	}
	var errs []error
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("%s not set: the HTTP endpoint checks every request against the application's public key (Developer Portal, General Information); see .env.example", strings.Join(missing, " and ")))
	}
	if c.Sharded() {
		errs = append(errs, fmt.Errorf("PLANBOT_SHARD_COUNT=%d: shards are for the gateway; over HTTP, run replicas behind a load balancer instead and leave PLANBOT_SHARD_ID and PLANBOT_SHARD_COUNT unset", c.ShardCount))
	}
	return errors.Join(errs...)
}

// Logger returns a text logger writing to w at the configured level.
func (c Config) Logger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: c.LogLevel}))
}

// LogValue implements slog.LogValuer: the token is never logged, only
// whether it is set.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("corpus_dir", c.CorpusDir),
		slog.String("discord_token", redact(c.DiscordToken)),
		slog.String("discord_app_id", c.DiscordAppID),
		slog.String("discord_guild_id", c.DiscordGuildID),
		slog.String("discord_public_key", hex.EncodeToString(c.DiscordPublicKey)),
		slog.String("discord_api_base", c.DiscordAPIBase),
		slog.String("admin_role", c.AdminRole),
		slog.String("http_addr", c.HTTPAddr),
		slog.String("metrics_addr", c.MetricsAddr),
		slog.String("web_addr", c.WebAddr),
		slog.String("public_url", c.PublicURL),
		slog.String("log_level", c.LogLevel.String()),
		slog.Any("settings", c.Settings(nil)),
		slog.Bool("keep_questions", c.KeepQuestions),
		slog.String("vote_key", redact(c.VoteKey)),
		slog.String("changelog_channel", c.ChangelogChannel),
		slog.String("shard", c.shard()),
		slog.String("replica_id", c.ReplicaID),
		slog.Any("reindex_guilds", c.ReindexGuilds),
		slog.Duration("shutdown_grace", c.ShutdownGrace),
	)
}

// shard is "1/4" for shard 1 of 4, "" when not sharded.
func (c Config) shard() string {
	if !c.Sharded() {
		return ""
	}
	return strconv.Itoa(c.ShardID) + "/" + strconv.Itoa(c.ShardCount)
}

// minVoteKeyLen is the shortest PLANBOT_VOTE_KEY Validate accepts.
const minVoteKeyLen = 32

// VoteHashKey returns the key for settings.VoterHash: PLANBOT_VOTE_KEY when
// set, else the one store keeps (settings.Store.VoteKey, made on first use
// and shared by every replica), so that the one-vote rule survives
// restarts either way.
func (c Config) VoteHashKey(ctx context.Context, store interface {
	VoteKey(ctx context.Context) ([]byte, error)
}) ([]byte, error) {
	if c.VoteKey != "" {
		return []byte(c.VoteKey), nil
	}
	return store.VoteKey(ctx)
}

// Settings returns where the settings store lives, for settings.Open; log
// receives its messages (nil: none).
func (c Config) Settings(log *slog.Logger) settings.Config {
	return settings.Config{DataDir: c.DataDir, DatabaseURL: c.DatabaseURL, Logger: log}
}

func redact(secret string) string {
	if secret == "" {
		return ""
	}
	return "<redacted>"
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	switch strings.ToLower(s) {
	case "debug", "info", "warn", "warning", "error":
	default:
		return l, fmt.Errorf("unknown log level %q", s)
	}
	if strings.EqualFold(s, "warning") {
		s = "warn"
	}
	err := l.UnmarshalText([]byte(s))
	return l, err
}

func isPort(s string) bool {
	p, err := strconv.Atoi(s)
	return err == nil && p >= 0 && p <= 65535
}
