package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/planbot/planbot/bot"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// shutdownGrace is how long serve waits for replies in flight on SIGTERM.
const shutdownGrace = 10 * time.Second

// runServe runs the Discord bot over the gateway until ctx ends (SIGINT or
// SIGTERM): it builds the index, registers the slash commands, connects,
// and on shutdown finishes the replies in flight before closing.
func runServe(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&cfg.CorpusDir, "corpus", cfg.CorpusDir, "corpus `folder` to answer from and to reload on /reindex (default: the embedded corpus; env PLANBOT_CORPUS_DIR)")
	register := fl.Bool("register", true, "register the slash commands at start (bulk overwrite, in DISCORD_GUILD_ID if set, else globally)")
	fl.Usage = func() {
		fmt.Fprint(stderr, `Usage: planbot serve [flags]

Runs the Discord bot. Needs DISCORD_TOKEN and DISCORD_APP_ID (environment or
.env; see .env.example). Stops cleanly on Ctrl-C or SIGTERM.

Flags:
`)
		fl.PrintDefaults()
		fmt.Fprint(stderr, `
Examples:
  planbot serve
  planbot serve --corpus my-corpus
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
	if err := cfg.ValidateBot(); err != nil {
		fmt.Fprintf(stderr, "planbot serve: %v\n", err)
		return exitUsage
	}
	log := cfg.Logger(stderr)
	log.Info("starting", slog.Any("config", cfg))
	routeDiscordgoLogs(log)

	start := time.Now()
	dir := cfg.CorpusDir
	live, err := index.NewLive(ctx, func() (*corpus.Corpus, error) {
		if dir == "" {
			return corpus.LoadDefault()
		}
		return corpus.LoadDir(dir)
	})
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

	s, err := bot.NewSession(cfg.DiscordToken, cfg.DiscordAPIBase)
	if err != nil {
		fmt.Fprintf(stderr, "planbot serve: %v\n", err)
		return exitUsage
	}
	h := bot.New(bot.Config{Index: live, Reloader: live, AdminRole: cfg.AdminRole, Logger: log})
	g := bot.NewGateway(s, h, log)
	if *register {
		rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := g.RegisterCommands(rctx, cfg.DiscordAppID, cfg.DiscordGuildID)
		cancel()
		if err != nil {
			fmt.Fprintf(stderr, "planbot serve: %v (check DISCORD_TOKEN and DISCORD_APP_ID in .env; see .env.example)\n", err)
			return exitFail
		}
	}
	if err := g.Open(); err != nil {
		fmt.Fprintf(stderr, "planbot serve: %v\n", err)
		return exitFail
	}
	log.Info("connected; answering interactions until Ctrl-C or SIGTERM")

	<-ctx.Done()
	log.Info("shutting down: finishing replies in flight")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := g.Shutdown(sctx); err != nil {
		log.Warn("shutdown", slog.Any("error", err))
	}
	log.Info("stopped")
	return exitOK
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
