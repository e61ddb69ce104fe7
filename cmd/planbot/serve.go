package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/bot"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
	"github.com/planbot/planbot/settings"
)

// runServe runs the Discord bot until ctx ends (SIGINT or SIGTERM): it
// builds the index, registers the slash commands, and answers interactions
// over the gateway, or, with --http, at an HTTP interactions endpoint. On
// shutdown it finishes the replies in flight before closing.
func runServe(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	m := &serveMain{Config: cfg, Register: true, Stdout: stdout, Stderr: stderr}
	if err := m.ParseFlags(args); errors.Is(err, flag.ErrHelp) {
		return exitOK
	} else if errors.Is(err, errFlagSaid) {
		return exitUsage
	} else if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "planbot serve: %s\n", line)
		}
		return exitUsage
	}
	return m.Run(ctx)
}

// serveMain is planbot serve, after benbjohnson/wtf's Main: ParseFlags
// fills Config from the command line and checks what the flags may have
// changed; Run serves until ctx ends. Tests set Config and call Run.
type serveMain struct {
	Config Config
	// Register registers the slash commands at start (--register).
	Register       bool
	Stdout, Stderr io.Writer

	log     *slog.Logger
	session *discordgo.Session
	metrics *bot.Metrics
	servers *httpServers
	store   settings.Store
	watched *settings.Watched
	voteKey []byte
	live    *index.Live
	load    func() (*corpus.Corpus, error)
	closers []func() // run in reverse order when Run returns
}

// ParseFlags reads serve's flags into m.Config and checks the addresses
// they may set and what the transport needs; the rest of the
// configuration was checked when it was loaded. It returns flag.ErrHelp
// after printing the help.
func (m *serveMain) ParseFlags(args []string) error {
	cfg := &m.Config
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(m.Stderr)
	fl.StringVar(&cfg.CorpusDir, "corpus", cfg.CorpusDir, "corpus `folder` to answer from and to reload on /reindex (default: the embedded corpus; env PLANBOT_CORPUS_DIR)")
	fl.StringVar(&cfg.HTTPAddr, "http", cfg.HTTPAddr, "answer interactions Discord POSTs to `addr` (e.g. :8080) instead of using the gateway; needs DISCORD_PUBLIC_KEY (env PLANBOT_HTTP_ADDR)")
	fl.StringVar(&cfg.MetricsAddr, "metrics", cfg.MetricsAddr, "serve /healthz, /readyz and /metrics at `addr`, e.g. 127.0.0.1:9090 (env PLANBOT_METRICS_ADDR)")
	fl.StringVar(&cfg.WebAddr, "web", cfg.WebAddr, "serve the web pages at `addr` too, e.g. :8081 (env PLANBOT_WEB_ADDR; with --http they are served there already)")
	fl.BoolVar(&m.Register, "register", m.Register, "register the slash commands at start (bulk overwrite, in DISCORD_GUILD_ID if set, else globally; with --http only when DISCORD_TOKEN is set)")
	fl.Usage = func() {
		fmt.Fprint(m.Stderr, `Usage: planbot serve [flags]

Runs the Discord bot. Over the gateway it needs DISCORD_TOKEN and
DISCORD_APP_ID; as an HTTP interactions endpoint (--http) DISCORD_PUBLIC_KEY
and DISCORD_APP_ID, the token being optional (environment or .env; see
.env.example). Each server's /settings and the 👍/👎 votes on answers are
kept in SQLite in PLANBOT_DATA_DIR (default ./data), or in PostgreSQL when
PLANBOT_DATABASE_URL is set; a store that cannot be opened stops serve at
start. PLANBOT_SHARD_ID and PLANBOT_SHARD_COUNT run one gateway shard per
process. Stops cleanly on Ctrl-C or SIGTERM.

Flags:
`)
		fl.PrintDefaults()
		fmt.Fprint(m.Stderr, `
Examples:
  planbot serve
  planbot serve --corpus my-corpus
  planbot serve --http :8080 --metrics 127.0.0.1:9090
`)
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errFlagSaid
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fl.Args())
	}
	validate := cfg.ValidateBot
	if cfg.HTTPAddr != "" {
		validate = cfg.ValidateHTTP
	}
	return errors.Join(append(cfg.validateAddrs(), validate())...)
}

// errFlagSaid is ParseFlags' error when the flag package has already said
// what was wrong.
var errFlagSaid = errors.New("bad flag")

// Run serves until ctx ends and returns the exit code: it opens what the
// bot needs (HTTP servers first, so health checks answer during the
// build), builds the index, registers the commands and answers over HTTP
// or the gateway.
func (m *serveMain) Run(ctx context.Context) int {
	cfg := m.Config
	m.log = cfg.Logger(m.Stderr)
	if cfg.Sharded() {
		m.log = m.log.With(slog.String("shard", cfg.shard()))
	}
	m.log.Info("starting", slog.Any("config", cfg))
	routeDiscordgoLogs(m.log)
	defer func() {
		for i := len(m.closers) - 1; i >= 0; i-- {
			m.closers[i]()
		}
	}()
	if err := m.open(ctx); err != nil {
		fmt.Fprintf(m.Stderr, "planbot serve: %v\n", err)
		return exitFail
	}
	if err := m.buildIndex(ctx); errors.Is(err, errStoppedEarly) {
		return exitOK
	} else if err != nil {
		fmt.Fprintf(m.Stderr, "planbot serve: %v\n", err)
		return exitFail
	}
	h, err := m.handler(ctx)
	if err != nil {
		fmt.Fprintf(m.Stderr, "planbot serve: %v\n", err)
		return exitFail
	}
	g := bot.NewGateway(m.session, h, m.log) // in HTTP mode only to register the commands
	if err := m.register(ctx, g); errors.Is(err, errStoppedEarly) {
		return exitOK
	} else if err != nil {
		fmt.Fprintf(m.Stderr, "planbot serve: %v\n", err)
		return exitFail
	}
	if cfg.HTTPAddr != "" {
		return m.serveHTTP(ctx, h)
	}
	return m.serveGateway(ctx, g, h)
}

// errStoppedEarly is the error of a step of the start when ctx ended
// during it (SIGTERM while starting): serve then stops quietly, exit 0.
var errStoppedEarly = errors.New("stopped while starting")

// open makes the Discord session, starts the HTTP servers and opens the
// settings store.
func (m *serveMain) open(ctx context.Context) error {
	cfg := m.Config
	s, err := bot.NewSession(cfg.DiscordToken, cfg.DiscordAPIBase)
	if err != nil {
		return err
	}
	if cfg.Sharded() {
		// discordgo identifies with [ShardID, ShardCount] and Discord sends
		// this process the events of its servers only
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	m.session = s
	m.metrics = newMetrics()
	if m.servers, err = startHTTP(cfg, m.metrics, s, m.log); err != nil {
		return err
	}
	m.closers = append(m.closers, func() {
		sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
		defer cancel()
		m.servers.shutdown(sctx) // when serve stops early; else done already
		m.log.Info("stopped")
	})
	if m.store, err = openSettings(ctx, cfg, m.log); err != nil {
		return err
	}
	m.closers = append(m.closers, func() { m.store.Close() }) // after the replies in flight are finished
	// answers go on while the store fails; it logs a few lines, not one per request
	m.watched = settings.Watch(m.store, m.log.With(slog.String("component", "settings")), 0)
	m.metrics.WatchStore(m.watched)
	if m.voteKey, err = cfg.VoteHashKey(ctx, m.store); err != nil {
		return fmt.Errorf("vote key: %w", err)
	}
	return nil
}

// buildIndex loads the corpus and builds the index /reindex rebuilds.
func (m *serveMain) buildIndex(ctx context.Context) error {
	start := time.Now()
	dir := m.Config.CorpusDir
	m.load = func() (*corpus.Corpus, error) { return loadCorpus(dir) }
	live, err := index.NewLive(ctx, m.load)
	if err != nil && ctx.Err() != nil {
		m.log.Info("stopped before the index was built", slog.Any("error", err))
		return errStoppedEarly
	}
	var errs corpus.Errors
	if errors.As(err, &errs) {
		var b strings.Builder
		fmt.Fprintf(&b, "corpus %s has %d problems (fix them and start again):", corpusName(dir), len(errs))
		for _, e := range errs {
			fmt.Fprintf(&b, "\n  %s", e)
		}
		return errors.New(b.String())
	}
	if err != nil {
		return fmt.Errorf("build index from %s: %w", corpusName(dir), err)
	}
	m.live = live
	m.closers = append(m.closers, func() { live.Close() })
	st := live.Stats()
	m.log.Info("index ready", slog.String("corpus", corpusName(dir)), slog.Int("documents", st.Documents),
		slog.Int("points", st.Points), slog.Int("sections", st.Sections), slog.Duration("took", time.Since(start)))
	m.metrics.WatchIndex(live)
	m.metrics.WatchCorpus(live)
	return nil
}

// handler joins the fleet (with PostgreSQL), serves the web pages and
// returns the bot's Handler.
func (m *serveMain) handler(ctx context.Context) (*bot.Handler, error) {
	cfg := m.Config
	var announcer bot.Fleet // nil on one machine: /reindex tells no one
	fl, err := startFleet(ctx, cfg, m.live, m.load, m.metrics, m.log)
	if err != nil {
		return nil, err
	}
	if fl != nil {
		m.closers = append(m.closers, func() { fl.Close() }) // before the index closes
		announcer = fl
	}
	h := bot.New(bot.Config{
		Index: m.live, Reloader: m.live, Fleet: announcer, Settings: m.watched, AdminRole: cfg.AdminRole, ReindexGuilds: cfg.ReindexGuilds, Logger: m.log, Observe: m.metrics.Observe,
		Feedback: m.watched, VoteKey: m.voteKey, KeepQuestions: cfg.KeepQuestions,
		ChangelogChannel: cfg.ChangelogChannel, Poster: changelogPoster(cfg, m.session, m.log), PublicURL: cfg.PublicURL,
	})
	if err := m.servers.setPages(m.live, m.log); err != nil {
		return nil, err
	}
	return h, nil
}

// register registers the slash commands, unless told not to or another
// process does.
func (m *serveMain) register(ctx context.Context, g *bot.Gateway) error {
	cfg := m.Config
	switch {
	case !m.Register:
		return nil
	case cfg.HTTPAddr != "" && cfg.DiscordToken == "":
		m.log.Info("no DISCORD_TOKEN: slash commands not registered (set it once to register them)")
		return nil
	case cfg.ShardID != 0:
		m.log.Info("slash commands not registered: shard 0 registers them for every shard")
		return nil
	}
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := g.RegisterCommands(rctx, cfg.DiscordAppID, cfg.DiscordGuildID); err != nil && ctx.Err() != nil {
		m.log.Info("stopped before the slash commands were registered", slog.Any("error", err))
		return errStoppedEarly
	} else if err != nil {
		return fmt.Errorf("%s\n%s", atAPIBase(err, cfg), discordHint(err, cfg))
	}
	return nil
}

// serveHTTP answers interactions over HTTP until ctx ends.
func (m *serveMain) serveHTTP(ctx context.Context, h *bot.Handler) int {
	m.servers.setHandler(h)
	m.log.Info("answering interactions over HTTP until Ctrl-C or SIGTERM")
	code := waitServe(ctx, m.servers, m.log)
	// The grace period starts now, at the signal, not at start.
	sctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownGrace)
	defer cancel()
	if err := m.servers.shutdown(sctx); err != nil { // before the index closes
		return dropped(m.log, err)
	}
	return code
}

// serveGateway answers interactions over the gateway until ctx ends.
func (m *serveMain) serveGateway(ctx context.Context, g *bot.Gateway, h *bot.Handler) int {
	logReady(m.session, m.Config, m.log)
	if err := g.Open(); err != nil {
		fmt.Fprintf(m.Stderr, "planbot serve: %s\n%s\n", atAPIBase(err, m.Config), discordHint(err, m.Config))
		return exitFail
	}
	m.servers.setHandler(h)
	code := waitServe(ctx, m.servers, m.log)
	sctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownGrace)
	defer cancel()
	if err := errors.Join(g.Shutdown(sctx), m.servers.shutdown(sctx)); err != nil {
		return dropped(m.log, err)
	}
	return code
}

// dropped logs that shutdown gave up on work in flight when the grace
// period (PLANBOT_SHUTDOWN_GRACE) ended, and returns exit 1, so that a
// supervisor sees that replies were lost.
func dropped(log *slog.Logger, err error) int {
	log.Error("shutdown: replies in flight were dropped when the grace period ended (raise PLANBOT_SHUTDOWN_GRACE)", slog.Any("error", err))
	return exitFail
}

// changelogPoster is what posts the changelog after a /reindex: the
// session, which needs the bot token to post in a channel. Without the
// token (an HTTP endpoint may run without one) it warns once and returns
// nil, and /reindex posts nothing.
func changelogPoster(cfg Config, s *discordgo.Session, log *slog.Logger) bot.ChannelPoster {
	if cfg.ChangelogChannel == "" {
		return nil
	}
	if cfg.DiscordToken == "" {
		log.Warn("PLANBOT_CHANGELOG_CHANNEL is set but DISCORD_TOKEN is not: /reindex cannot post what changed, as posting in a channel needs the bot token; set DISCORD_TOKEN, or unset PLANBOT_CHANGELOG_CHANNEL",
			slog.String("channel", cfg.ChangelogChannel))
		return nil
	}
	return s
}

// settingsOpenTimeout bounds opening the settings store at start, so an
// unreachable PostgreSQL is an error rather than a hang.
const settingsOpenTimeout = 30 * time.Second

// openSettings opens the per-server settings store the configuration names:
// PostgreSQL when PLANBOT_DATABASE_URL is set, else SQLite in
// PLANBOT_DATA_DIR. Failing to open it is an error, never a fallback.
func openSettings(ctx context.Context, cfg Config, log *slog.Logger) (settings.Store, error) {
	ctx, cancel := context.WithTimeout(ctx, settingsOpenTimeout)
	defer cancel()
	// settings' errors name the path or host and what to check
	return settings.Open(ctx, cfg.Settings(log.With(slog.String("component", "settings"))))
}

// waitServe waits until ctx ends (exit 0) or an HTTP server fails (exit 1).
func waitServe(ctx context.Context, servers *httpServers, log *slog.Logger) int {
	select {
	case <-ctx.Done():
		log.Info("shutting down: finishing replies in flight")
		return exitOK
	case err := <-servers.failed:
		log.Error("HTTP server failed; shutting down", slog.Any("error", err))
		return exitFail
	}
}

// discordgoLog is where discordgo's own warnings and errors go (nil: the
// default slog logger). discordgo.Logger is one global, set once in init
// before any session exists; serve only swaps the logger behind it, so
// that concurrent serves (in tests) do not race on the global.
var discordgoLog atomic.Pointer[slog.Logger]

func init() {
	discordgo.Logger = func(msgL, caller int, format string, a ...any) {
		level := slog.LevelWarn
		switch msgL {
		case discordgo.LogError:
			level = slog.LevelError
		case discordgo.LogInformational, discordgo.LogDebug:
			level = slog.LevelDebug
		}
		log := discordgoLog.Load()
		if log == nil {
			log = slog.Default()
		}
		log.Log(context.Background(), level, fmt.Sprintf(format, a...))
	}
}

// routeDiscordgoLogs sends discordgo's own warnings and errors to log
// instead of the standard logger. discordgo never logs the token at these
// levels (only its debug output carries the identify payload).
func routeDiscordgoLogs(log *slog.Logger) {
	discordgoLog.Store(log.With(slog.String("source", "discordgo")))
}
