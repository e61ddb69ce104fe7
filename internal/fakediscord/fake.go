package fakediscord

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Defaults used when no Option overrides them.
const (
	DefaultToken             = "fake-bot-token"
	DefaultApplicationID     = "1300000000000000001"
	DefaultGuildID           = "1300000000000000002"
	DefaultChannelID         = "1300000000000000003"
	DefaultBotName           = "planbot-test"
	DefaultHeartbeatInterval = 45 * time.Second
)

// Fake is a running fake Discord. All methods are safe for concurrent use.
// It is created by New and shut down by the test's cleanup.
type Fake struct {
	cfg config
	srv *httptest.Server
	wg  sync.WaitGroup // gateway connection handlers

	mu      sync.Mutex
	changed chan struct{} // closed and replaced whenever recorded state changes
	closed  bool
	nextID  int64
	// readySeq counts the connections that completed Identify or Resume.
	readySeq int64

	// REST state.
	requests     []Request
	responses    []Response
	edits        []Edit
	followups    []Followup
	messages     []ChannelMessage
	overwrites   []CommandOverwrite
	commands     map[string][]*discordgo.ApplicationCommand // by guild ID, "" for global
	commandIDs   map[string]string                          // guild ID + "/" + name → command ID
	store        map[string]*wireMessage                    // every message the fake created, by ID
	interactions map[string]*tracked                        // by interaction token

	// Gateway state.
	conns      map[*gwConn]struct{}
	ready      *gwConn // the newest connection that completed Identify or Resume
	sessions   map[string]*gwSession
	connects   int
	identifies []Identify
	resumes    []Resume
	heartbeats int
}

type config struct {
	token             string
	appID             string
	botName           string
	guilds            []guild
	heartbeat         time.Duration
	privilegedIntents discordgo.Intent
}

type guild struct{ id, channelID string }

// Option configures a Fake in New.
type Option func(*config)

// WithToken sets the bot token the fake accepts: REST calls must carry
// "Authorization: Bot <token>" and Identify/Resume must carry the token.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithApplicationID sets the application ID, which is also the bot user's ID.
func WithApplicationID(id string) Option { return func(c *config) { c.appID = id } }

// WithBotName sets the bot user's username.
func WithBotName(name string) Option { return func(c *config) { c.botName = name } }

// WithGuild adds a guild the bot is in, with one text channel. The first
// guild given replaces the default one and is used by the interaction
// builders.
func WithGuild(guildID, channelID string) Option {
	return func(c *config) { c.guilds = append(c.guilds, guild{guildID, channelID}) }
}

// WithHeartbeatInterval sets the heartbeat_interval announced in Hello.
// discordgo reconnects when no ACK arrived for 5 intervals.
func WithHeartbeatInterval(d time.Duration) Option { return func(c *config) { c.heartbeat = d } }

// WithPrivilegedIntents sets the privileged intents the application is
// allowed (as if enabled in the developer portal). Identifying with any other
// privileged intent (GuildMembers, GuildPresences, MessageContent) is closed
// with code 4014, as Discord does. The default allows none.
func WithPrivilegedIntents(i discordgo.Intent) Option {
	return func(c *config) { c.privilegedIntents = i }
}

// New starts a fake Discord on 127.0.0.1 and registers its shutdown with
// t.Cleanup.
func New(t testing.TB, opts ...Option) *Fake {
	t.Helper()
	cfg := config{
		token:     DefaultToken,
		appID:     DefaultApplicationID,
		botName:   DefaultBotName,
		heartbeat: DefaultHeartbeatInterval,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if len(cfg.guilds) == 0 {
		cfg.guilds = []guild{{DefaultGuildID, DefaultChannelID}}
	}
	f := &Fake{
		cfg:          cfg,
		changed:      make(chan struct{}),
		nextID:       1300000000000001000,
		commands:     map[string][]*discordgo.ApplicationCommand{},
		commandIDs:   map[string]string{},
		store:        map[string]*wireMessage{},
		interactions: map[string]*tracked{},
		conns:        map[*gwConn]struct{}{},
		sessions:     map[string]*gwSession{},
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("fakediscord: listen on loopback: %v", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", f.serveREST)
	mux.HandleFunc("/gateway", f.serveGateway)
	mux.HandleFunc("/gateway/", f.serveGateway)
	mux.HandleFunc("/", f.serveUnknown)
	f.srv = &httptest.Server{Listener: ln, Config: &http.Server{Handler: mux}}
	f.srv.Start()
	t.Cleanup(f.Close)
	return f
}

// Close drops every gateway connection and stops the server. New registers
// it with t.Cleanup; calling it again is harmless.
func (f *Fake) Close() {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return
	}
	f.closed = true
	f.mu.Unlock()
	f.DropConnections()
	f.wg.Wait()
	f.srv.Close()
}

// URL returns the server's base URL, http://127.0.0.1:PORT.
func (f *Fake) URL() string { return f.srv.URL }

// APIBase returns the REST base the bot can be configured with
// (DISCORD_API_BASE), http://127.0.0.1:PORT/api/v10/. Routes under /api/v9/
// (discordgo v0.29's default) are served the same way.
func (f *Fake) APIBase() string { return f.srv.URL + "/api/v10/" }

// GatewayURL returns the WebSocket URL that GET /gateway answers,
// ws://127.0.0.1:PORT/gateway.
func (f *Fake) GatewayURL() string { return "ws" + f.srv.URL[len("http"):] + "/gateway" }

// Token returns the bot token the fake accepts, without the "Bot " prefix.
func (f *Fake) Token() string { return f.cfg.token }

// ApplicationID returns the application ID, also the bot user's ID.
func (f *Fake) ApplicationID() string { return f.cfg.appID }

// GuildID returns the first guild's ID, used by the interaction builders.
func (f *Fake) GuildID() string { return f.cfg.guilds[0].id }

// ChannelID returns the first guild's channel ID, used by the interaction
// builders.
func (f *Fake) ChannelID() string { return f.cfg.guilds[0].channelID }

// Wait blocks until cond returns true or ctx is done. cond is evaluated
// without the fake's lock held, so it may call the fake's accessors; it is
// re-evaluated after every change the fake records. It returns ctx.Err() on
// timeout or cancellation.
func (f *Fake) Wait(ctx context.Context, cond func() bool) error {
	for {
		f.mu.Lock()
		ch := f.changed
		f.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// notifyLocked wakes every Wait. f.mu must be held.
func (f *Fake) notifyLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// newIDLocked returns a fresh snowflake-shaped ID. f.mu must be held.
func (f *Fake) newIDLocked() string {
	f.nextID++
	return strconv.FormatInt(f.nextID, 10)
}

// newID returns a fresh snowflake-shaped ID.
func (f *Fake) newID() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.newIDLocked()
}

// botUser returns the bot's user object.
func (f *Fake) botUser() User {
	return User{ID: f.cfg.appID, Username: f.cfg.botName, Discriminator: "0", Bot: true}
}
