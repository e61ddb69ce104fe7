package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// HTTPConfig is what an HTTP transport needs.
type HTTPConfig struct {
	// PublicKey is the application's Ed25519 public key, which signs every
	// interaction Discord posts (see ParsePublicKey).
	PublicKey ed25519.PublicKey
	// Session edits the original response of deferred replies (/reindex).
	// A session from NewSession without a bot token suffices: the
	// interaction token authorises the edit. nil leaves deferred replies
	// unfinished (and logs it).
	Session *discordgo.Session
	// Metrics, when set, is served on GET /metrics and counts the
	// requests turned away. The Handler's Config.Observe should be its
	// Observe method.
	Metrics *Metrics
	// PrivateMetrics leaves GET /metrics out of this surface while still
	// counting into Metrics: for a public interactions endpoint whose
	// metrics are served on a private port (PLANBOT_METRICS_ADDR).
	PrivateMetrics bool
	// Logger receives refused requests (at debug level) and failures; nil
	// discards.
	Logger *slog.Logger
}

// HTTP is the interactions transport: an http.Handler answering Discord's
// POST /interactions in the response body, once its signature (within 5
// minutes, body at most 64 KiB) is the application's, with Health's routes
// beside it. Before SetHandler only PING is answered. It is safe for
// concurrent use.
type HTTP struct {
	cfg     HTTPConfig
	log     *slog.Logger
	mux     *http.ServeMux
	health  *Health
	handler atomic.Pointer[Handler]
	now     func() time.Time
	// editRetries are the waits before each new attempt to edit a
	// deferred response (see editDeferred).
	editRetries []time.Duration

	mu       sync.Mutex
	closing  bool
	deferred sync.WaitGroup
}

// NewHTTP returns an HTTP transport for cfg, not ready until SetHandler.
func NewHTTP(cfg HTTPConfig) *HTTP {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	x := &HTTP{
		cfg:         cfg,
		log:         log,
		mux:         http.NewServeMux(),
		now:         time.Now,
		editRetries: defaultEditRetries,
	}
	metrics := cfg.Metrics
	if cfg.PrivateMetrics {
		metrics = nil // counted, served elsewhere
	}
	x.health = NewHealth(metrics)
	x.mux.HandleFunc("/interactions", x.serveInteractions)
	x.mux.Handle("/", x.health)
	return x
}

// SetHandler starts answering interactions with h; /readyz turns 200.
func (x *HTTP) SetHandler(h *Handler) {
	x.handler.Store(h)
	x.health.SetHandler(h)
}

// Ready reports whether interactions are being answered.
func (x *HTTP) Ready() bool { return x.handler.Load() != nil }

// ServeHTTP routes a request.
func (x *HTTP) ServeHTTP(w http.ResponseWriter, r *http.Request) { x.mux.ServeHTTP(w, r) }

// Beside serves the endpoint's own paths (/interactions, /healthz,
// /readyz, /metrics) and sends every other path to other, so that one
// address serves both. A switch, not a second ServeMux: every interaction
// passes through it.
func (x *HTTP) Beside(other http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/interactions", "/healthz", "/readyz", "/metrics":
			x.ServeHTTP(w, r)
		default:
			other.ServeHTTP(w, r)
		}
	})
}

// Shutdown waits until the deferred replies under way are sent, or ctx
// ends. Call it after http.Server.Shutdown has finished the requests in
// flight; interactions that would defer after it get a "restarting" note.
func (x *HTTP) Shutdown(ctx context.Context) error {
	x.mu.Lock()
	x.closing = true
	x.mu.Unlock()
	done := make(chan struct{})
	go func() {
		x.deferred.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("deferred replies still under way: %w", ctx.Err())
	}
}

// serveInteractions answers POST /interactions.
func (x *HTTP) serveInteractions(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		x.refuse(w, http.StatusMethodNotAllowed, "use POST")
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			// Close the connection: keeping it would mean reading the rest of the body.
			w.Header().Set("Connection", "close")
			x.refuse(w, http.StatusRequestEntityTooLarge, "body over 64 KiB")
			return
		}
		x.refuse(w, http.StatusBadRequest, "unreadable body")
		return
	}
	if reason := verify(x.cfg.PublicKey, r, body, x.now()); reason != "" {
		x.cfg.Metrics.rejectSignature(reason)
		x.log.Debug("refused interaction", slog.String("reason", reason), slog.String("remote", r.RemoteAddr))
		x.refuse(w, http.StatusUnauthorized, "invalid request signature")
		return
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		x.refuse(w, http.StatusBadRequest, "want Content-Type: application/json")
		return
	}
	i, err := decodeRequest(body)
	if err != nil {
		x.log.Debug("refused interaction", slog.String("reason", "bad JSON"), slog.Any("error", err))
		x.refuse(w, http.StatusBadRequest, "not an interaction: "+err.Error())
		return
	}

	h := x.handler.Load()
	if h == nil {
		if i.Type != discordgo.InteractionPing {
			w.Header().Set("Retry-After", "5")
			x.refuse(w, http.StatusServiceUnavailable, "not ready: the index is being built")
			return
		}
		x.reply(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	resp, later := h.Handle(r.Context(), i)
	if later != nil && !x.track() {
		resp, later = notice(tr(localeLang(i.Locale), restarting)), nil
	}
	if !x.reply(w, resp) {
		if later != nil {
			x.deferred.Done()
		}
		return
	}
	if later != nil {
		// Send the deferral before the work starts, then finish it.
		http.NewResponseController(w).Flush()
		go x.finish(i, later)
	}
}

// reply writes resp as the JSON body of a 200 answer: the same bytes
// discordgo posts to the callback route in the gateway transport.
func (x *HTTP) reply(w http.ResponseWriter, resp *discordgo.InteractionResponse) bool {
	b, err := json.Marshal(resp)
	if err != nil {
		x.log.Error("encode interaction response", slog.Any("error", err))
		x.refuse(w, http.StatusInternalServerError, "internal error")
		return false
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	w.Write(b)
	x.cfg.Metrics.countRequest(http.StatusOK)
	return true
}

// refuse answers with an error status and a short plain-text reason.
func (x *HTTP) refuse(w http.ResponseWriter, code int, reason string) {
	x.cfg.Metrics.countRequest(code)
	text(w, code, reason)
}

// text writes a one-line plain-text answer.
func text(w http.ResponseWriter, code int, s string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	io.WriteString(w, s+"\n")
}

// track counts a deferred reply under way, unless shutdown has begun.
func (x *HTTP) track() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closing {
		return false
	}
	x.deferred.Add(1)
	return true
}

// finish runs a deferred reply and edits the original response with it.
func (x *HTTP) finish(i *discordgo.Interaction, later Deferred) {
	defer x.deferred.Done()
	ctx, cancel := context.WithTimeout(context.Background(), finishWithin)
	defer cancel()
	edit := later(ctx)
	if x.cfg.Session == nil {
		x.log.Error("cannot finish a deferred reply: no session", slog.String("cmd", commandName(i)))
		return
	}
	if err := x.editOriginal(ctx, i, edit); err != nil {
		x.log.Warn("edit deferred reply", slog.String("cmd", commandName(i)), slog.String("error", redactToken(err, i.Token)))
	}
}

// editOriginal edits i's original response, trying again as
// editDeferred does.
func (x *HTTP) editOriginal(ctx context.Context, i *discordgo.Interaction, edit *discordgo.WebhookEdit) error {
	return editDeferred(ctx, x.cfg.Session, i, edit, x.editRetries)
}

// isJSON reports whether a Content-Type is application/json, with or
// without parameters.
func isJSON(ct string) bool {
	if ct == "application/json" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}

// decodeRequest decodes an interaction Discord posted. Interactions of a
// type Discord does not document are refused.
func decodeRequest(body []byte) (*discordgo.Interaction, error) {
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		return nil, err
	}
	switch i.Type {
	case discordgo.InteractionPing, discordgo.InteractionApplicationCommand, discordgo.InteractionMessageComponent,
		discordgo.InteractionApplicationCommandAutocomplete, discordgo.InteractionModalSubmit:
	default:
		return nil, fmt.Errorf("unknown interaction type %d", i.Type)
	}
	return &i, nil
}
