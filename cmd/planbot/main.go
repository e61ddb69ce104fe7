// Command planbot answers questions about the US 28-point Ukraine peace plan
// and its later versions from a corpus of Markdown documents, in a terminal
// (ask, point, compare, sources),
// for admins checking an edited corpus (index), and as a Discord bot (serve).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Exit codes: 0 success, 1 a runtime failure (a bad corpus, an index error),
// 2 bad input (unknown command, bad flag, empty question, point 0).
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// command is one subcommand: its entry point and a line for the help text.
type command struct {
	run     func(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) int
	summary string
}

// commands maps each subcommand name to its entry point; a new command is
// one file and one line here. "help" and "version" are handled by run
// before the configuration is read.
var commands = map[string]command{
	"ask":     {runAsk, "answer a question with the matching points of the plan"},
	"point":   {runPoint, "show one point of the plan in full, with commentary and sources"},
	"compare": {runCompare, "show what became of a point of the draft in every version of the plan"},
	"sources": {runSources, "list every document of the corpus with its sources"},
	"index":   {runIndex, "load and index a corpus, reporting counts or every error"},
	"serve":   {runServe, "run the Discord bot, over the gateway or as an HTTP interactions endpoint"},

	"feedback": {runFeedback, "print the questions voted 👎 or matching nothing, as a TSV question set"},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env, err := withDotEnv(".env", os.LookupEnv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "planbot: %v\n", err)
		stop()
		os.Exit(exitUsage)
	}
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, env)
	stop()
	os.Exit(code)
}

// run is the whole program behind main, callable from tests: it reads the
// configuration from env, dispatches args[0] and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, env lookupFunc) int {
	if len(args) == 0 {
		return usageErr(stderr, "", fmt.Errorf("missing command: try planbot ask \"how big can Ukraine's army be?\", or planbot help"))
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return runHelp(ctx, rest, stdout, stderr, env)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "planbot", buildVersion())
		return exitOK
	}
	cmd, ok := commands[name]
	if !ok {
		return usageErr(stderr, "", fmt.Errorf("unknown command %q (commands: %s)", name, strings.Join(commandNames(), ", ")))
	}
	cfg := LoadConfig(env)
	if err := cfg.Validate(); err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "planbot %s: %s\n", name, line)
		}
		return exitUsage
	}
	return cmd.run(ctx, cfg, rest, stdout, stderr)
}

// runHelp prints the overview, or a command's own help for "help CMD".
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer, env lookupFunc) int {
	if len(args) == 0 {
		usage(stdout)
		return exitOK
	}
	if _, ok := commands[args[0]]; !ok {
		return usageErr(stderr, "help", fmt.Errorf("unknown command %q (commands: %s)", args[0], strings.Join(commandNames(), ", ")))
	}
	return run(ctx, []string{args[0], "--help"}, stdout, stderr, env)
}

func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// usage writes the overview of every command.
func usage(w io.Writer) {
	fmt.Fprint(w, `planbot answers questions about the US 28-point Ukraine peace plan (leaked
November 2025) from a corpus of Markdown documents.

Usage:
  planbot COMMAND [flags] [arguments]

Commands:
`)
	for _, n := range commandNames() {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `  help     show this text, or "planbot help COMMAND" for one command
  version  print the version

Examples:
  planbot ask "how big can Ukraine's army be?"
  planbot ask --json --limit 3 frozen russian assets
  planbot point 21d
  planbot point --version "20-point framework" 4
  planbot compare 6
  planbot index --corpus ./my-corpus

Configuration comes from flags, then the environment, then a .env file in the
working directory (see .env.example). Flags may come before or after the
other arguments; put -- before a question that starts with "-".
`)
}

// errUsage marks errors caused by the command line, which exit with 2.
var errUsage = errors.New("usage")

// usageError returns an error that exits with 2 and prints msg.
func usageError(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUsage}, args...)...)
}

// usageMessage is the text of err without the errUsage marker.
func usageMessage(err error) string {
	return strings.TrimPrefix(err.Error(), errUsage.Error()+": ")
}

// usageErr prints err as one line, prefixed with the command, and returns
// the usage exit code.
func usageErr(stderr io.Writer, cmd string, err error) int {
	msg := usageMessage(err)
	prefix := "planbot"
	if cmd != "" {
		prefix += " " + cmd
	}
	fmt.Fprintf(stderr, "%s: %s\n", prefix, msg)
	return exitUsage
}

// fail prints err and returns its exit code: 2 for errors wrapping errUsage,
// 1 for the rest. Multi-line errors (a bad corpus) are printed line by line.
func fail(stderr io.Writer, cmd string, err error) int {
	if errors.Is(err, errUsage) {
		return usageErr(stderr, cmd, err)
	}
	fmt.Fprintf(stderr, "planbot %s: %v\n", cmd, err)
	return exitFail
}

// parseFlags parses args with fs, allowing flags after positional
// arguments ("ask how big --json"); a "--" ends the flags. It returns the
// positional arguments. Errors are usage errors; flag.ErrHelp is returned
// as is after printing the help to stdout.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(stdout)
				fs.Usage()
				return nil, err
			}
			return nil, usageError("%v (see planbot %s --help)", err, fs.Name())
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlagSet returns a FlagSet whose help shows synopsis, the flags and
// the examples.
func newFlagSet(name, synopsis, about, examples string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: planbot %s\n\n%s\n\nFlags:\n", synopsis, strings.TrimSpace(about))
		fs.PrintDefaults()
		fmt.Fprintf(w, "\nExamples:\n%s", examples)
	}
	return fs
}
