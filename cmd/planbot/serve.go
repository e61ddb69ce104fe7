package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
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
// shutdown it finishes the replies in flight before closing. The HTTP
// servers (--http, --metrics) listen before the index is built, so their
// /healthz answers at once and /readyz tells when it is done.
func runServe(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&cfg.CorpusDir, "corpus", cfg.CorpusDir, "corpus `folder` to answer from and to reload on /reindex (default: the embedded corpus; env PLANBOT_CORPUS_DIR)")
	fl.StringVar(&cfg.HTTPAddr, "http", cfg.HTTPAddr, "answer interactions Discord POSTs to `addr` (e.g. :8080) instead of using the gateway; needs DISCORD_PUBLIC_KEY (env PLANBOT_HTTP_ADDR)")
	fl.StringVar(&cfg.MetricsAddr, "metrics", cfg.MetricsAddr, "serve /healthz, /readyz and /metrics at `addr`, e.g. 127.0.0.1:9090 (env PLANBOT_METRICS_ADDR)")
	fl.StringVar(&cfg.WebAddr, "web", cfg.WebAddr, "serve the web pages at `addr` too, e.g. :8081 (env PLANBOT_WEB_ADDR; with --http they are served there already)")
	register := fl.Bool("register", true, "register the slash commands at start (bulk overwrite, in DISCORD_GUILD_ID if set, else globally; with --http only when DISCORD_TOKEN is set)")
	fl.Usage = func() {
		fmt.Fprint(stderr, `Usage: planbot serve [flags]

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
		fmt.Fprint(stderr, `
Examples:
  planbot serve
  planbot serve --corpus my-corpus
  planbot serve --http :8080 --metrics 127.0.0.1:9090
`)
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "planbot serve: unexpected arguments %q\n", fl.Args())
		return exitUsage
	}
	validate := cfg.ValidateBot
	if cfg.HTTPAddr != "" {
		validate = cfg.ValidateHTTP
	}
	if err := errors.Join(cfg.Validate(), validate()); err != nil { // the flags may have changed addresses
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "planbot serve: %s\n", line)
		}
		return exitUsage
	}
	log := cfg.Logger(stderr)
	if cfg.Sharded() {
		log = log.With(slog.String("shard", cfg.shard()))
	}
	log.Info("starting", slog.Any("config", cfg))
	routeDiscordgoLogs(log)

	s, err := bot.NewSession(cfg.DiscordToken, cfg.DiscordAPIBase)
	if err != nil {
		fmt.Fprintf(stderr, "planbot serve: %v\n", err)
		return exitUsage
	}
	if cfg.Sharded() {
		// discordgo identifies with [ShardID, ShardCount] and Discord sends
		// this process the events of its servers only
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	metrics := newMetrics()
	servers, err := startHTTP(cfg, metrics, s, log)
	if err != nil {
		fmt.Fprintf(stderr, "planbot serve: %v\n", err)
		return exitFail
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
		defer cancel()
		servers.shutdown(sctx) // when serve stops early; else done already
		log.Info("stopped")
	}()

	store, err := openSettings(ctx, cfg, log)
	if err != nil {
		fmt.Fprintf(stderr, "planbot serve: %v\n", err)
		return exitFail
	}
	defer store.Close() // after the replies in flight are finished
	// answers go on while the store fails; it logs a few lines, not one per request
	watched := settings.Watch(store, log.With(slog.String("component", "settings")), 0)
	metrics.WatchStore(watched)
	voteKey, err := cfg.VoteHashKey(ctx, store)
	if err != nil {
		fmt.Fprintf(stderr, "planbot serve: vote key: %v\n", err)
		return exitFail
	}

	start := time.Now()
	dir := cfg.CorpusDir
	load := func() (*corpus.Corpus, error) {
		if dir == "" {
			return corpus.LoadDefault()
		}
		return corpus.LoadDir(dir)
	}
	live, err := index.NewLive(ctx, load)
	if err != nil && ctx.Err() != nil {
		log.Info("stopped before the index was built", slog.Any("error", err))
		return exitOK
	}
	if err != nil {
		var errs corpus.Errors
		if errors.As(err, &errs) {
			fmt.Fprintf(stderr, "planbot serve: corpus %s has %d problems (fix them and start again):\n", corpusName(dir), len(errs))
			for _, e := range errs {
				fmt.Fprintf(stderr, "  %s\n", e)
			}
			return exitFail
		}
		fmt.Fprintf(stderr, "planbot serve: build index from %s: %v\n", corpusName(dir), err)
		return exitFail
	}
	defer live.Close()
	st := live.Stats()
	log.Info("index ready", slog.String("corpus", corpusName(dir)), slog.Int("documents", st.Documents),
		slog.Int("points", st.Points), slog.Int("sections", st.Sections), slog.Duration("took", time.Since(start)))

	metrics.WatchIndex(live)
	metrics.WatchCorpus(live)
	var announcer bot.Fleet // nil on one machine: /reindex tells no one
	if fl, err := startFleet(ctx, cfg, live, load, metrics, log); err != nil {
		fmt.Fprintf(stderr, "planbot serve: %v\n", err)
		return exitFail
	} else if fl != nil {
		defer fl.Close() // before the index closes
		announcer = fl
	}
	h := bot.New(bot.Config{
		Index: live, Reloader: live, Fleet: announcer, Settings: watched, AdminRole: cfg.AdminRole, ReindexGuilds: cfg.ReindexGuilds, Logger: log, Observe: metrics.Observe,
		Feedback: watched, VoteKey: voteKey, KeepQuestions: cfg.KeepQuestions,
		ChangelogChannel: cfg.ChangelogChannel, Poster: changelogPoster(cfg, s, log), PublicURL: cfg.PublicURL,
	})
	if err := servers.setPages(live, log); err != nil {
		fmt.Fprintf(stderr, "planbot serve: %v\n", err)
		return exitFail
	}
	g := bot.NewGateway(s, h, log) // in HTTP mode only to register the commands
	switch {
	case *register && cfg.HTTPAddr != "" && cfg.DiscordToken == "":
		log.Info("no DISCORD_TOKEN: slash commands not registered (set it once to register them)")
	case *register && cfg.ShardID != 0:
		log.Info("slash commands not registered: shard 0 registers them for every shard")
	case *register:
		rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := g.RegisterCommands(rctx, cfg.DiscordAppID, cfg.DiscordGuildID)
		cancel()
		if err != nil {
			fmt.Fprintf(stderr, "planbot serve: %v (check DISCORD_TOKEN and DISCORD_APP_ID in .env; see .env.example)\n", err)
			return exitFail
		}
	}
	if cfg.HTTPAddr != "" {
		servers.setHandler(h)
		log.Info("answering interactions over HTTP until Ctrl-C or SIGTERM")
		code := waitServe(ctx, servers, log)
		// The grace period starts now, at the signal, not at start.
		sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
		defer cancel()
		if err := servers.shutdown(sctx); err != nil { // before the index closes
			return dropped(log, err)
		}
		return code
	}
	if err := g.Open(); err != nil {
		fmt.Fprintf(stderr, "planbot serve: %v\n", err)
		return exitFail
	}
	servers.setHandler(h)
	log.Info("connected; answering interactions until Ctrl-C or SIGTERM")

	code := waitServe(ctx, servers, log)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	err = errors.Join(g.Shutdown(sctx), servers.shutdown(sctx))
	if err != nil {
		return dropped(log, err)
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

// routeDiscordgoLogs sends discordgo's own warnings and errors to log
// instead of the standard logger. discordgo never logs the token at these
// levels (only its debug output carries the identify payload).
func routeDiscordgoLogs(log *slog.Logger) {
	log = log.With(slog.String("source", "discordgo"))
	discordgo.Logger = func(msgL, caller int, format string, a ...any) {
		level := slog.LevelWarn
		switch msgL {
		case discordgo.LogError:
			level = slog.LevelError
		case discordgo.LogInformational, discordgo.LogDebug:
			level = slog.LevelDebug
		}
		log.Log(context.Background(), level, fmt.Sprintf(format, a...))
	}
}
