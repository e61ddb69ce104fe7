package fakediscord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresenceUpdate = 3
	opVoiceState     = 4
	opResume         = 6
	opRequestMembers = 8
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11
)

// Gateway close codes.
const (
	closeUnknownError     = 4000
	closeUnknownOpcode    = 4001
	closeDecodeError      = 4002
	closeNotAuthenticated = 4003
	closeAuthFailed       = 4004
	closeAlreadyAuthed    = 4005
	closeInvalidShard     = 4010
	closeInvalidVersion   = 4012
	closeDisallowedIntent = 4014
)

const privilegedIntents = discordgo.IntentGuildMembers | discordgo.IntentGuildPresences | discordgo.IntentMessageContent

// writeTimeout bounds every gateway write.
const writeTimeout = 5 * time.Second

// gwConn is one gateway WebSocket connection.
type gwConn struct {
	ws      *websocket.Conn
	version int
	writeMu sync.Mutex // serializes writes and orders sequence numbers

	session *gwSession // guarded by Fake.mu; nil until Identify or Resume
	// readySeq orders the connections that completed Identify or Resume,
	// newest highest; 0 when not (or no longer) ready. Guarded by Fake.mu.
	readySeq int64
}

// gwSession is a gateway session: what Resume continues.
type gwSession struct {
	id      string
	intents discordgo.Intent
	shard   *[2]int // [shard_id, num_shards] from Identify; nil when not sharded
	seq     int64
	events  []gwEvent // every dispatch, for replay on Resume
	expired bool
}

type gwEvent struct {
	seq  int64
	t    string
	data json.RawMessage
}

// add appends a dispatch to s and returns its sequence number.
func (s *gwSession) add(t string, data json.RawMessage) int64 {
	s.seq++
	s.events = append(s.events, gwEvent{s.seq, t, data})
	return s.seq
}

// frame is a gateway payload.
type frame struct {
	Op int     `json:"op"`
	D  any     `json:"d"`
	S  *int64  `json:"s"`
	T  *string `json:"t"`
}

func dispatchFrame(e gwEvent) frame { return frame{Op: opDispatch, D: e.data, S: &e.seq, T: &e.t} }

// writeLocked sends v; c.writeMu must be held.
func (c *gwConn) writeLocked(v any) error {
	c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	return c.ws.WriteJSON(v)
}

func (c *gwConn) write(v any) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	return c.writeLocked(v)
}

// closeWith sends a close frame with code and reason; the caller then drops
// the connection.
func (c *gwConn) closeWith(code int, reason string) {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(writeTimeout))
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveGateway serves the WebSocket gateway at /gateway (and /gateway/,
// which discordgo dials after adding a trailing slash).
func (f *Fake) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade answered the HTTP error
	}
	c := &gwConn{ws: ws, version: 10}
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		ws.Close()
		return
	}
	f.conns[c] = struct{}{}
	f.connects++
	f.wg.Add(1)
	f.notifyLocked()
	f.mu.Unlock()
	defer f.wg.Done()
	defer f.dropConn(c)

	q := r.URL.Query()
	switch v := q.Get("v"); v {
	case "":
	case "9", "10":
		c.version, _ = strconv.Atoi(v)
	default:
		c.closeWith(closeInvalidVersion, "Invalid API version.")
		return
	}
	if e := q.Get("encoding"); e != "" && e != "json" {
		c.closeWith(closeDecodeError, "fakediscord supports encoding=json only.")
		return
	}
	if z := q.Get("compress"); z != "" {
		c.closeWith(closeUnknownError, "fakediscord does not support compress="+z+".")
		return
	}

	interval := max(f.cfg.heartbeat.Milliseconds(), 1)
	if err := c.write(frame{Op: opHello, D: map[string]int64{"heartbeat_interval": interval}}); err != nil {
		return
	}
	for {
		mt, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if mt != websocket.TextMessage || json.Unmarshal(msg, &p) != nil {
			c.closeWith(closeDecodeError, "Error while decoding payload.")
			return
		}
		code, reason := f.handleOp(c, p.Op, p.D)
		if code != 0 {
			c.closeWith(code, reason)
			return
		}
	}
}

// handleOp handles one client payload; a non-zero code closes the
// connection with it.
func (f *Fake) handleOp(c *gwConn, op int, d json.RawMessage) (code int, reason string) {
	switch op {
	case opHeartbeat:
		f.mu.Lock()
		f.heartbeats++
		f.notifyLocked()
		f.mu.Unlock()
		if err := c.write(frame{Op: opHeartbeatACK}); err != nil {
			return closeUnknownError, "write heartbeat ACK: " + err.Error()
		}
	case opIdentify:
		return f.identify(c, d)
	case opResume:
		return f.resume(c, d)
	case opPresenceUpdate, opVoiceState, opRequestMembers:
		f.mu.Lock()
		authed := c.session != nil
		f.mu.Unlock()
		if !authed {
			return closeNotAuthenticated, "Not authenticated."
		}
	default:
		return closeUnknownOpcode, "Unknown opcode."
	}
	return 0, ""
}

// tokenOK reports whether a gateway token is the fake's, with or without
// the "Bot " prefix (discordgo sends it with).
func (f *Fake) tokenOK(token string) bool {
	return token == "Bot "+f.cfg.token || token == f.cfg.token
}

// identify handles op 2: it starts a session and sends READY, then a
// GUILD_CREATE per guild if the GUILDS intent was requested.
func (f *Fake) identify(c *gwConn, d json.RawMessage) (int, string) {
	var id Identify
	if err := json.Unmarshal(d, &id); err != nil {
		return closeDecodeError, "Error while decoding payload."
	}
	f.mu.Lock()
	f.identifies = append(f.identifies, id)
	f.notifyLocked()
	authed := c.session != nil
	f.mu.Unlock()
	switch {
	case authed:
		return closeAlreadyAuthed, "Already authenticated."
	case !f.tokenOK(id.Token):
		return closeAuthFailed, "Authentication failed."
	case id.Shard != nil && (id.Shard[1] < 1 || id.Shard[0] < 0 || id.Shard[0] >= id.Shard[1]):
		return closeInvalidShard, "Invalid shard."
	case id.Intents&privilegedIntents&^f.cfg.privilegedIntents != 0:
		return closeDisallowedIntent, "Disallowed intent(s)."
	}

	c.writeMu.Lock()
	f.mu.Lock()
	sess := &gwSession{id: "fake-session-" + f.newIDLocked(), intents: id.Intents, shard: id.Shard}
	f.sessions[sess.id] = sess
	c.session = sess
	f.markReadyLocked(c)
	ready, err := json.Marshal(f.readyPayload(c.version, sess, id.Shard))
	if err != nil {
		f.mu.Unlock()
		c.writeMu.Unlock()
		return closeUnknownError, "encode READY: " + err.Error()
	}
	e := gwEvent{sess.add("READY", ready), "READY", ready}
	f.notifyLocked()
	f.mu.Unlock()
	err = c.writeLocked(dispatchFrame(e))
	c.writeMu.Unlock()
	if err != nil {
		return 0, "" // the read loop sees the broken connection
	}

	if id.Intents&discordgo.IntentGuilds != 0 {
		for _, g := range f.cfg.guilds {
			if sess.has(g.id) {
				b, _ := json.Marshal(f.guildCreate(g))
				f.dispatchOn(c, "GUILD_CREATE", b, g.id)
			}
		}
	}
	return 0, ""
}

// markReadyLocked records that c completed Identify or Resume. f.mu must
// be held.
func (f *Fake) markReadyLocked(c *gwConn) {
	f.ready = c
	f.readySeq++
	c.readySeq = f.readySeq
}

// ShardFor returns the shard Discord sends a guild's events to when a bot
// runs count shards: (guild_id >> 22) % count. Events outside guilds (DMs)
// go to shard 0.
func ShardFor(guildID string, count int) int {
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil || count < 2 {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

// has reports whether the session receives guildID's events: always, unless
// it identified as one shard of several.
func (s *gwSession) has(guildID string) bool {
	if s.shard == nil || s.shard[1] < 2 {
		return true
	}
	return ShardFor(guildID, s.shard[1]) == s.shard[0]
}

// connForLocked returns the ready connection an event of guildID goes to:
// the newest one whose session receives that guild's events (see
// ShardFor), or nil while there is none. f.mu must be held.
func (f *Fake) connForLocked(guildID string) *gwConn {
	var best *gwConn
	for c := range f.conns {
		if c.readySeq == 0 || c.session == nil || !c.session.has(guildID) {
			continue
		}
		if best == nil || c.readySeq > best.readySeq {
			best = c
		}
	}
	return best
}

// resume handles op 6: it replays the dispatches the client missed, then
// sends RESUMED; for an unknown or expired session it answers op 9
// (Invalid Session, not resumable), after which the client identifies.
func (f *Fake) resume(c *gwConn, d json.RawMessage) (int, string) {
	var r struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(d, &r); err != nil {
		return closeDecodeError, "Error while decoding payload."
	}
	f.mu.Lock()
	f.resumes = append(f.resumes, Resume(r))
	f.notifyLocked()
	authed := c.session != nil
	sess := f.sessions[r.SessionID]
	f.mu.Unlock()
	switch {
	case authed:
		return closeAlreadyAuthed, "Already authenticated."
	case !f.tokenOK(r.Token):
		return closeAuthFailed, "Authentication failed."
	}

	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	f.mu.Lock()
	if sess == nil || sess.expired {
		f.mu.Unlock()
		c.writeLocked(frame{Op: opInvalidSession, D: false})
		return 0, ""
	}
	var replay []gwEvent
	for _, e := range sess.events {
		if e.seq > r.Seq {
			replay = append(replay, e)
		}
	}
	c.session = sess
	f.markReadyLocked(c)
	resumed := json.RawMessage(`{}`)
	replay = append(replay, gwEvent{sess.add("RESUMED", resumed), "RESUMED", resumed})
	f.notifyLocked()
	f.mu.Unlock()
	for _, e := range replay {
		if c.writeLocked(dispatchFrame(e)) != nil {
			break
		}
	}
	return 0, ""
}

// readyPayload is the READY event's data: the guilds of the session's
// shard.
func (f *Fake) readyPayload(version int, sess *gwSession, shard *[2]int) map[string]any {
	sessionID := sess.id
	guilds := []map[string]any{}
	for _, g := range f.cfg.guilds {
		if sess.has(g.id) {
			guilds = append(guilds, map[string]any{"id": g.id, "unavailable": true})
		}
	}
	u := f.botUser()
	p := map[string]any{
		"v": version,
		"user": map[string]any{
			"id": u.ID, "username": u.Username, "discriminator": u.Discriminator,
			"global_name": nil, "avatar": nil, "bot": true, "verified": true,
			"mfa_enabled": false, "flags": 0,
		},
		"guilds":             guilds,
		"private_channels":   []any{},
		"session_id":         sessionID,
		"resume_gateway_url": f.GatewayURL(),
		"application":        map[string]any{"id": f.cfg.appID, "flags": 0},
	}
	if shard != nil {
		p["shard"] = shard
	}
	return p
}

// guildCreate is a GUILD_CREATE event's data for g: the guild with its
// @everyone role and its text channel.
func (f *Fake) guildCreate(g guild) map[string]any {
	return map[string]any{
		"id": g.id, "name": "Fake Guild " + g.id, "icon": nil, "owner_id": DefaultUserID,
		"unavailable": false, "large": false, "member_count": 2,
		"joined_at": "2024-01-01T00:00:00.000000+00:00", "preferred_locale": "en-US",
		"roles": []map[string]any{{
			"id":          g.id,
			"name":        "@everyone",
			"permissions": strconv.FormatInt(DefaultMemberPermissions, 10),
			"color":       0,
			"hoist":       false,
			"position":    0,
			"managed":     false,
			"mentionable": false,
			"flags":       0,
		}},
		"channels": []map[string]any{{
			"id": g.channelID, "type": discordgo.ChannelTypeGuildText, "name": "general",
			"position": 0, "permission_overwrites": []any{}, "nsfw": false,
		}},
		"members": []any{}, "voice_states": []any{}, "presences": []any{}, "threads": []any{},
		"emojis": []any{}, "stickers": []any{}, "features": []any{}, "stage_instances": []any{},
		"guild_scheduled_events": []any{},
	}
}

// dispatchOn sends a dispatch about guildID ("" for none) on c with the
// next sequence number of its session, unless c is no longer the
// connection such events go to.
func (f *Fake) dispatchOn(c *gwConn, t string, data json.RawMessage, guildID string) (int64, bool) {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	f.mu.Lock()
	if f.connForLocked(guildID) != c {
		f.mu.Unlock()
		return 0, false
	}
	e := gwEvent{c.session.add(t, data), t, data}
	f.mu.Unlock()
	// A failed write is not retried here: the event stays in the session,
	// and a Resume replays it, as Discord does.
	c.writeLocked(dispatchFrame(e))
	return e.seq, true
}

// dropConn forgets c once its handler ends.
func (f *Fake) dropConn(c *gwConn) {
	f.mu.Lock()
	delete(f.conns, c)
	c.readySeq = 0
	if f.ready == c {
		f.ready = nil
	}
	f.notifyLocked()
	f.mu.Unlock()
	c.ws.Close()
}

// Dispatch sends a dispatch (op 0) event of type eventType with data on the
// newest gateway connection that completed Identify or Resume, waiting for
// one (e.g. while the client reconnects) until ctx is done. It returns the
// event's sequence number. An event whose write fails stays in the session
// and is replayed when the client resumes. When the bot runs several
// shards, an event that belongs to no guild goes to shard 0, as on Discord.
func (f *Fake) Dispatch(ctx context.Context, eventType string, data any) (int64, error) {
	return f.dispatch(ctx, eventType, data, "")
}

// dispatch is Dispatch for an event about guildID, which goes to the shard
// that receives that guild's events.
func (f *Fake) dispatch(ctx context.Context, eventType string, data any, guildID string) (int64, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return 0, fmt.Errorf("encode %s: %w", eventType, err)
	}
	for {
		var c *gwConn
		err := f.Wait(ctx, func() bool {
			f.mu.Lock()
			defer f.mu.Unlock()
			c = f.connForLocked(guildID)
			return c != nil
		})
		if err != nil {
			return 0, fmt.Errorf("dispatch %s: no gateway connection is ready: %w", eventType, err)
		}
		if seq, ok := f.dispatchOn(c, eventType, raw, guildID); ok {
			return seq, nil
		}
	}
}

// DispatchInteraction sends ix as an INTERACTION_CREATE dispatch, like
// Dispatch, and remembers it so that responses to it are checked. When the
// bot runs several shards (each connection identified with [shard_id,
// num_shards]), it goes to the shard of ix's guild, see ShardFor, and
// waits for that shard to be connected.
func (f *Fake) DispatchInteraction(ctx context.Context, ix *Interaction) error {
	f.track(ix)
	if _, err := f.dispatch(ctx, "INTERACTION_CREATE", ix, ix.GuildID); err != nil {
		return fmt.Errorf("dispatch interaction %s: %w", ix.ID, err)
	}
	return nil
}

// DropConnections closes every gateway connection abruptly, without a close
// frame, as a network failure would; sessions stay resumable. It returns how
// many connections it closed. Until a client identifies or resumes again,
// Dispatch waits.
//
// discordgo (v0.29) notices after its Close, which sleeps one second, then
// reopens and resumes. Drop only after its first heartbeat (wait for
// Heartbeats to grow): a heartbeat goroutine that has not sent yet fails on
// the dead socket after the reconnect and closes the new connection too.
func (f *Fake) DropConnections() int {
	f.mu.Lock()
	conns := make([]*gwConn, 0, len(f.conns))
	for c := range f.conns {
		conns = append(conns, c)
		c.readySeq = 0
	}
	f.ready = nil
	f.notifyLocked()
	f.mu.Unlock()
	for _, c := range conns {
		c.ws.UnderlyingConn().Close()
	}
	return len(conns)
}

// ExpireSessions makes every existing session unresumable: a later Resume
// is answered with op 9 (Invalid Session), so the client identifies anew.
func (f *Fake) ExpireSessions() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, s := range f.sessions {
		s.expired = true
	}
}

// WaitReady waits until a gateway connection has completed Identify or
// Resume, i.e. until Dispatch would send at once. On timeout the error
// wraps ctx.Err().
func (f *Fake) WaitReady(ctx context.Context) error {
	err := f.Wait(ctx, func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.ready != nil
	})
	if err != nil {
		return fmt.Errorf("wait for a ready gateway connection: %w", err)
	}
	return nil
}

// WaitIdentify waits for the first Identify and returns it. On timeout the
// error wraps ctx.Err().
func (f *Fake) WaitIdentify(ctx context.Context) (Identify, error) {
	return waitFirst(ctx, f, "identify", f.Identifies, func(Identify) bool { return true })
}

// Identifies returns every Identify (op 2) received, in order, including
// refused ones.
func (f *Fake) Identifies() []Identify { return snapshot(f, &f.identifies) }

// Resumes returns every Resume (op 6) received, in order, including refused
// ones.
func (f *Fake) Resumes() []Resume { return snapshot(f, &f.resumes) }

// Connects returns how many gateway WebSocket connections were accepted.
func (f *Fake) Connects() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.connects
}

// Heartbeats returns how many heartbeats (op 1) were received, all
// acknowledged with op 11.
func (f *Fake) Heartbeats() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.heartbeats
}
