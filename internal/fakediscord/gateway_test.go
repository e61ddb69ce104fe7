package fakediscord_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/planbot/planbot/internal/fakediscord"
)

// payload is a gateway payload as a raw client sees it.
type payload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
}

// dial opens a raw gateway connection with the given query.
func dial(t *testing.T, f *fakediscord.Fake, query string) *websocket.Conn {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.DialContext(t.Context(), f.GatewayURL()+"/"+query, nil)
	if err != nil {
		t.Fatalf("dial gateway: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

func read(t *testing.T, ws *websocket.Conn) payload {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(timeout))
	var p payload
	if err := ws.ReadJSON(&p); err != nil {
		t.Fatalf("read gateway payload: %v", err)
	}
	return p
}

func send(t *testing.T, ws *websocket.Conn, op int, d any) {
	t.Helper()
	if err := ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		t.Fatalf("send op %d: %v", op, err)
	}
}

// readDispatch reads a payload and checks it is dispatch t with sequence s.
func readDispatch(t *testing.T, ws *websocket.Conn, typ string, seq int64) json.RawMessage {
	t.Helper()
	p := read(t, ws)
	if p.Op != 0 || p.T == nil || *p.T != typ || p.S == nil || *p.S != seq {
		t.Fatalf("got op %d t %v s %v; want dispatch %s with s %d", p.Op, deref(p.T), deref(p.S), typ, seq)
	}
	return p.D
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// wantClose reads until the connection closes and checks the close code.
func wantClose(t *testing.T, ws *websocket.Conn, code int) {
	t.Helper()
	ws.SetReadDeadline(time.Now().Add(timeout))
	for {
		_, _, err := ws.ReadMessage()
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			if ce.Code != code {
				t.Errorf("closed with %d %q; want %d", ce.Code, ce.Text, code)
			}
			return
		}
		if err != nil {
			t.Fatalf("read = %v; want close %d", err, code)
		}
	}
}

func identify(token string, intents int) map[string]any {
	return map[string]any{
		"token": token, "intents": intents,
		"properties": map[string]string{"os": "linux", "browser": "test", "device": "test"},
	}
}

func TestGatewayProtocol(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	f := fakediscord.New(t, fakediscord.WithHeartbeatInterval(41250*time.Millisecond))
	ws := dial(t, f, "?v=10&encoding=json")

	hello := read(t, ws)
	var h struct {
		HeartbeatInterval int `json:"heartbeat_interval"`
	}
	if err := json.Unmarshal(hello.D, &h); hello.Op != 10 || err != nil || h.HeartbeatInterval != 41250 || hello.S != nil || hello.T != nil {
		t.Fatalf("hello = %+v (%s); want op 10 with heartbeat_interval 41250 and null s, t", hello, hello.D)
	}
	send(t, ws, 1, nil)
	if ack := read(t, ws); ack.Op != 11 {
		t.Fatalf("got op %d after a heartbeat; want 11", ack.Op)
	}

	send(t, ws, 2, identify(f.Token(), 0))
	var ready struct {
		V                int    `json:"v"`
		SessionID        string `json:"session_id"`
		ResumeGatewayURL string `json:"resume_gateway_url"`
		User             struct {
			ID  string `json:"id"`
			Bot bool   `json:"bot"`
		} `json:"user"`
		Application struct {
			ID string `json:"id"`
		} `json:"application"`
		Guilds []struct {
			ID          string `json:"id"`
			Unavailable bool   `json:"unavailable"`
		} `json:"guilds"`
	}
	if err := json.Unmarshal(readDispatch(t, ws, "READY", 1), &ready); err != nil {
		t.Fatal(err)
	}
	if ready.V != 10 || ready.SessionID == "" || ready.ResumeGatewayURL != f.GatewayURL() || ready.User.ID != f.ApplicationID() ||
		!ready.User.Bot || ready.Application.ID != f.ApplicationID() || len(ready.Guilds) != 1 || !ready.Guilds[0].Unavailable {
		t.Errorf("READY = %+v", ready)
	}
	if id := f.Identifies(); len(id) != 1 || id[0].Token != f.Token() || id[0].Properties["os"] != "linux" {
		t.Errorf("Identifies() = %+v", id)
	}

	// Without the GUILDS intent no GUILD_CREATE comes: the next dispatch
	// is ours.
	first := f.Command("ask")
	if err := f.DispatchInteraction(ctx, first); err != nil {
		t.Fatal(err)
	}
	var got struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(readDispatch(t, ws, "INTERACTION_CREATE", 2), &got); err != nil || got.ID != first.ID {
		t.Errorf("INTERACTION_CREATE id = %q, %v; want %s", got.ID, err, first.ID)
	}

	// An event sent as the connection drops is replayed on Resume, before
	// RESUMED.
	missed := f.Command("point", fakediscord.IntegerOption("number", 3))
	if err := f.DispatchInteraction(ctx, missed); err != nil {
		t.Fatal(err)
	}
	f.DropConnections()
	ws2 := dial(t, f, "?v=10&encoding=json")
	read(t, ws2) // Hello
	send(t, ws2, 6, map[string]any{"token": "Bot " + f.Token(), "session_id": ready.SessionID, "seq": 2})
	if err := json.Unmarshal(readDispatch(t, ws2, "INTERACTION_CREATE", 3), &got); err != nil || got.ID != missed.ID {
		t.Errorf("replayed id = %q, %v; want %s", got.ID, err, missed.ID)
	}
	readDispatch(t, ws2, "RESUMED", 4)
	if r := f.Resumes(); len(r) != 1 || r[0].Seq != 2 || r[0].SessionID != ready.SessionID {
		t.Errorf("Resumes() = %+v", r)
	}

	// An unknown session cannot be resumed: op 9, d false.
	ws3 := dial(t, f, "")
	read(t, ws3)
	send(t, ws3, 6, map[string]any{"token": f.Token(), "session_id": "nope", "seq": 1})
	if p := read(t, ws3); p.Op != 9 || string(p.D) != "false" {
		t.Errorf("resume of an unknown session = op %d d %s; want op 9 d false", p.Op, p.D)
	}
}

func TestGatewayCloseCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		query string
		ops   []map[string]any // sent after Hello
		want  int
	}{
		{"old version", "?v=8&encoding=json", nil, 4012},
		{"etf encoding", "?v=10&encoding=etf", nil, 4002},
		{"zlib stream", "?v=10&encoding=json&compress=zlib-stream", nil, 4000},
		{"unknown opcode", "", []map[string]any{{"op": 42, "d": nil}}, 4001},
		{"not authenticated", "", []map[string]any{{"op": 3, "d": map[string]any{}}}, 4003},
		{"bad token", "", []map[string]any{{"op": 2, "d": identify("wrong", 0)}}, 4004},
		{"identify twice", "", []map[string]any{{"op": 2, "d": identify(fakediscord.DefaultToken, 0)}, {"op": 2, "d": identify(fakediscord.DefaultToken, 0)}}, 4005},
		{"disallowed intent", "", []map[string]any{{"op": 2, "d": identify(fakediscord.DefaultToken, 1<<15)}}, 4014},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := fakediscord.New(t)
			ws := dial(t, f, tt.query)
			if tt.ops != nil {
				read(t, ws) // Hello
			}
			for _, op := range tt.ops {
				if err := ws.WriteJSON(op); err != nil {
					t.Fatal(err)
				}
			}
			wantClose(t, ws, tt.want)
		})
	}
}
