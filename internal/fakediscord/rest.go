package fakediscord

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
)

// maxBody bounds the request bodies the fake reads (Discord's upload limit
// is 25 MiB by default).
const maxBody = 25 << 20

// call is one REST request being served.
type call struct {
	method string
	seg    []string // route segments below /api/vN/
	query  map[string][]string
	// payload is the JSON body (payload_json for multipart requests).
	payload []byte
	files   []File
}

// Error is a refusal in Discord's JSON error shape: what the fake answers
// a REST call it rejects, and what AcceptResponse returns (wrapped).
type Error struct {
	Status  int    // HTTP status, e.g. 400
	Code    int    // Discord's JSON error code, e.g. 50035, 40060; 0 for a bare 401 or 404
	Message string // e.g. "Invalid Form Body"
	fields  []fieldError
}

// Error returns the status, message and code.
func (e *Error) Error() string {
	return fmt.Sprintf("discord %d: %s (code %d)", e.Status, e.Message, e.Code)
}

var (
	errNotFound     = &Error{Status: http.StatusNotFound, Message: "404: Not Found"}
	errUnauthorized = &Error{Status: http.StatusUnauthorized, Message: "401: Unauthorized"}
	errUnknownApp   = &Error{Status: http.StatusNotFound, Code: 10002, Message: "Unknown Application"}
	errUnknownHook  = &Error{Status: http.StatusNotFound, Code: 10015, Message: "Unknown Webhook"}
	errUnknownMsg   = &Error{Status: http.StatusNotFound, Code: 10008, Message: "Unknown Message"}
	errUnknownIx    = &Error{Status: http.StatusNotFound, Code: 10062, Message: "Unknown interaction"}
	errAlreadyAcked = &Error{Status: http.StatusBadRequest, Code: 40060, Message: "Interaction has already been acknowledged."}
	errEmptyMessage = &Error{Status: http.StatusBadRequest, Code: 50006, Message: "Cannot send an empty message"}
)

// invalidForm is Discord's 50035 answer listing errs.
func invalidForm(errs []fieldError) *Error {
	return &Error{Status: http.StatusBadRequest, Code: 50035, Message: "Invalid Form Body", fields: errs}
}

// route is a REST handler: it returns the status and the value to encode as
// JSON (nil for no body), or an error, an *Error to refuse in Discord's
// shape.
type route func(f *Fake, c *call) (int, any, error)

// routeFor returns the handler for c and whether it needs bot
// authorization; nil when the fake does not serve the route.
func routeFor(c *call) (h route, auth bool) {
	s := c.seg
	is := func(method string, parts ...string) bool {
		if c.method != method || len(s) != len(parts) {
			return false
		}
		for i, p := range parts {
			if p != "*" && p != s[i] {
				return false
			}
		}
		return true
	}
	switch {
	case is("GET", "gateway"):
		return (*Fake).getGateway, false
	case is("GET", "gateway", "bot"):
		return (*Fake).getGatewayBot, true
	case is("GET", "users", "@me"):
		return (*Fake).getMe, true
	case is("PUT", "applications", "*", "commands"), is("PUT", "applications", "*", "guilds", "*", "commands"):
		return (*Fake).putCommands, true
	case is("GET", "applications", "*", "commands"), is("GET", "applications", "*", "guilds", "*", "commands"):
		return (*Fake).getCommands, true
	case is("POST", "channels", "*", "messages"):
		return (*Fake).postChannelMessage, true
	case is("POST", "interactions", "*", "*", "callback"):
		return (*Fake).postCallback, false
	case is("POST", "webhooks", "*", "*"):
		return (*Fake).postFollowup, false
	case is("GET", "webhooks", "*", "*", "messages", "*"):
		return (*Fake).getWebhookMessage, false
	case is("PATCH", "webhooks", "*", "*", "messages", "*"):
		return (*Fake).patchWebhookMessage, false
	case is("DELETE", "webhooks", "*", "*", "messages", "*"):
		return (*Fake).deleteWebhookMessage, false
	}
	return nil, false
}

// serveREST serves /api/, /api/v9/ and /api/v10/.
func (f *Fake) serveREST(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/api/")
	version := ""
	if rest, ok := strings.CutPrefix(path, "v"); ok {
		if v, tail, ok := strings.Cut(rest, "/"); ok {
			version, path = v, tail
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		http.Error(w, "read body: "+err.Error(), http.StatusBadRequest)
		return
	}
	rec := Request{
		Method:     r.Method,
		Path:       path,
		APIVersion: version,
		Query:      r.URL.Query(),
		Authorized: r.Header.Get("Authorization") == "Bot "+f.cfg.token,
		Body:       body,
	}
	c := &call{method: r.Method, seg: strings.Split(strings.Trim(path, "/"), "/"), query: rec.Query}

	var (
		status = http.StatusOK
		out    any
	)
	h, auth := routeFor(c)
	switch {
	case version != "" && version != "9" && version != "10":
		h = nil
		err = errNotFound
	case h == nil:
		err = errNotFound
	case auth && !rec.Authorized:
		err = errUnauthorized
	default:
		c.payload, c.files, err = readPayload(r.Header.Get("Content-Type"), body)
		if err == nil {
			status, out, err = h(f, c)
		}
	}
	if err != nil {
		var ae *Error
		if !errors.As(err, &ae) {
			ae = &Error{Status: http.StatusBadRequest, Code: 50109, Message: "The request body contains invalid JSON: " + err.Error()}
		}
		status = ae.Status
		rec.Error = ae.Message
		rec.Unhandled = h == nil
		body := map[string]any{"message": ae.Message, "code": ae.Code}
		if len(ae.fields) > 0 {
			body["errors"] = errorTree(ae.fields)
		}
		out = body
	}
	rec.Status = status

	f.mu.Lock()
	f.requests = append(f.requests, rec)
	f.notifyLocked()
	f.mu.Unlock()

	if out == nil {
		w.WriteHeader(status)
		return
	}
	b, err := json.Marshal(out)
	if err != nil {
		http.Error(w, "encode answer: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

// serveUnknown answers any path outside /api/ and /gateway with 404 and
// records it.
func (f *Fake) serveUnknown(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	f.mu.Lock()
	f.requests = append(f.requests, Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(),
		Authorized: r.Header.Get("Authorization") == "Bot "+f.cfg.token,
		Body:       body, Status: http.StatusNotFound, Error: errNotFound.Message, Unhandled: true,
	})
	f.notifyLocked()
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	io.WriteString(w, `{"message": "404: Not Found", "code": 0}`)
}

// readPayload returns the JSON payload of a request body and its files:
// the body itself for JSON, payload_json and files[n] for multipart.
func readPayload(contentType string, body []byte) ([]byte, []File, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" {
		if len(body) > 0 && !json.Valid(body) {
			return nil, nil, fmt.Errorf("body is not JSON")
		}
		return body, nil, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var (
		payload []byte
		files   []File
	)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read multipart body: %w", err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, nil, fmt.Errorf("read multipart part %q: %w", p.FormName(), err)
		}
		switch {
		case p.FormName() == "payload_json":
			payload = data
		case p.FileName() != "":
			files = append(files, File{Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
		}
	}
	if len(payload) > 0 && !json.Valid(payload) {
		return nil, nil, fmt.Errorf("payload_json is not JSON")
	}
	return payload, files, nil
}

// getGateway answers GET gateway with the fake's own WebSocket URL.
func (f *Fake) getGateway(*call) (int, any, error) {
	return http.StatusOK, map[string]string{"url": f.GatewayURL()}, nil
}

// getGatewayBot answers GET gateway/bot: the URL, one shard, and a generous
// session start limit.
func (f *Fake) getGatewayBot(*call) (int, any, error) {
	return http.StatusOK, map[string]any{
		"url":    f.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]int{
			"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1,
		},
	}, nil
}

// getMe answers GET users/@me with the bot user.
func (f *Fake) getMe(*call) (int, any, error) {
	u := f.botUser()
	return http.StatusOK, map[string]any{
		"id": u.ID, "username": u.Username, "discriminator": u.Discriminator,
		"global_name": nil, "avatar": nil, "bot": true, "verified": true,
		"mfa_enabled": false, "flags": 0, "public_flags": 0,
	}, nil
}
