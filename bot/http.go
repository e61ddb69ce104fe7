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
	// interaction Discord posts (see ParsePublicKey). Without it there is
	// no /interactions route: only health, readiness and metrics, as
	// served beside the gateway transport.
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
	// Logger receives refused requests (at debug level) and failures; nil
	// discards.
	Logger *slog.Logger
}

// HTTP is planbot's HTTP surface, an http.Handler for:
//
//	POST /interactions  Discord's interactions, answered by a Handler in the response body
//	GET  /healthz       200 while the process is up
//	GET  /readyz        200 once a Handler is set (the index is built), else 503
//	GET  /metrics       Prometheus metrics, when HTTPConfig.Metrics is set
//
// Every POST /interactions is checked before anything else: an Ed25519
// signature over X-Signature-Timestamp and the body, made by the
// application's key, a timestamp within 5 minutes of the clock, a body of
// at most 64 KiB. Until SetHandler is called, interactions other than
// PING get 503. It is safe for concurrent use.
type HTTP struct {
	cfg     HTTPConfig
	log     *slog.Logger
	mux     *http.ServeMux
	handler atomic.Pointer[Handler]
	now     func() time.Time
	// editRetries are the waits before each new attempt to edit a
	// deferred response that Discord does not know yet.
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
		editRetries: []time.Duration{250 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second},
	}
	if cfg.PublicKey != nil {
		x.mux.HandleFunc("/interactions", x.serveInteractions)
	}
	x.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		text(w, http.StatusOK, "ok")
	})
	x.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if !x.Ready() {
			text(w, http.StatusServiceUnavailable, "not ready: the index is being built")
			return
		}
		text(w, http.StatusOK, "ready")
	})
	if cfg.Metrics != nil {
		x.mux.Handle("GET /metrics", cfg.Metrics.Handler())
	}
	return x
}

// SetHandler starts answering interactions with h; /readyz turns 200.
func (x *HTTP) SetHandler(h *Handler) { x.handler.Store(h) }

// Ready reports whether interactions are being answered.
func (x *HTTP) Ready() bool { return x.handler.Load() != nil }

// ServeHTTP routes a request.
func (x *HTTP) ServeHTTP(w http.ResponseWriter, r *http.Request) { x.mux.ServeHTTP(w, r) }

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
	msg, err := readSigned(w, r)
	defer msg.free()
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			// close rather than read the rest to reuse the connection
			w.Header().Set("Connection", "close")
			x.refuse(w, http.StatusRequestEntityTooLarge, "body over 64 KiB")
			return
		}
		x.refuse(w, http.StatusBadRequest, "unreadable body")
		return
	}
	if reason := verify(x.cfg.PublicKey, r.Header, msg, x.now()); reason != "" {
		x.cfg.Metrics.rejectSignature(reason)
		x.log.Debug("refused interaction", slog.String("reason", reason), slog.String("remote", r.RemoteAddr))
		x.refuse(w, http.StatusUnauthorized, "invalid request signature")
		return
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		x.refuse(w, http.StatusBadRequest, "want Content-Type: application/json")
		return
	}
	i, err := decodeRequest(msg.body())
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

// editOriginal edits i's original response. Discord may see the edit
// before it has processed the deferral in the HTTP answer; it then says
// the webhook is unknown (404), and the edit is tried again a little
// later.
func (x *HTTP) editOriginal(ctx context.Context, i *discordgo.Interaction, edit *discordgo.WebhookEdit) error {
	for attempt := 0; ; attempt++ {
		_, err := x.cfg.Session.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx))
		var re *discordgo.RESTError
		if err == nil || attempt >= len(x.editRetries) ||
			!errors.As(err, &re) || re.Response == nil || re.Response.StatusCode != http.StatusNotFound {
			return err
		}
		select {
		case <-time.After(x.editRetries[attempt]):
		case <-ctx.Done():
			return err
		}
	}
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

// bufPool holds request buffers, so a busy endpoint does not allocate one
// per request.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4<<10); return &b }}

// readSigned reads the body of r, at most maxBody bytes, after the
// X-Signature-Timestamp header, into a pooled buffer; free returns it.
// A body over the limit is refused from its Content-Length without
// reading, or after maxBody bytes, with an *http.MaxBytesError.
func readSigned(w http.ResponseWriter, r *http.Request) (*signedMessage, error) {
	ts := r.Header.Get("X-Signature-Timestamp")
	bp := bufPool.Get().(*[]byte)
	m := &signedMessage{buf: append((*bp)[:0], ts...), ts: len(ts), pool: bp}
	if r.ContentLength > maxBody {
		return m, &http.MaxBytesError{Limit: maxBody}
	}
	body := http.MaxBytesReader(w, r.Body, maxBody)
	if n := r.ContentLength; n > 0 && cap(m.buf)-len(m.buf) < int(n) {
		m.buf = append(m.buf, make([]byte, n)...)[:len(m.buf)]
	}
	for {
		if len(m.buf) == cap(m.buf) {
			m.buf = append(m.buf, 0)[:len(m.buf)]
		}
		n, err := body.Read(m.buf[len(m.buf):cap(m.buf)])
		m.buf = m.buf[:len(m.buf)+n]
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return m, err
		}
	}
}

// free returns the buffer to the pool; m must not be used after.
func (m *signedMessage) free() {
	if m.pool == nil || cap(m.buf) > 2*maxBody {
		return
	}
	*m.pool = m.buf[:0]
	bufPool.Put(m.pool)
	m.pool, m.buf = nil, nil
}
