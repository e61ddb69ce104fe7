package bot

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Limits of the HTTP interactions endpoint.
const (
	// maxBody is the largest request body read; Discord's interaction
	// payloads are a few KiB.
	maxBody = 64 << 10
	// maxSkew is how far X-Signature-Timestamp may be from the clock, so
	// that a captured request cannot be replayed later.
	maxSkew = 5 * time.Minute
)

// Reasons a signature check fails, as counted in
// planbot_http_rejected_signatures_total.
const (
	rejectMissing   = "missing"
	rejectMalformed = "malformed"
	rejectStale     = "stale_timestamp"
	rejectSignature = "bad_signature"
)

// ParsePublicKey decodes an application's public key as the Developer
// Portal shows it: 64 hex characters.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key: want %d hex characters (Developer Portal, General Information, Public Key)", 2*ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// readBody reads the body of r, at most maxBody bytes. A body over the
// limit is refused from its Content-Length without reading, or after
// maxBody bytes, with an *http.MaxBytesError.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > maxBody {
		return nil, &http.MaxBytesError{Limit: maxBody}
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength))
	}
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, maxBody))
	return buf.Bytes(), err
}

// verify checks that r, whose body has been read into body, is signed by
// key (discordgo.VerifyInteraction) at a time within maxSkew of now. It
// returns "" when the request is Discord's, else the reason it is not.
func verify(key ed25519.PublicKey, r *http.Request, body []byte, now time.Time) string {
	if len(key) != ed25519.PublicKeySize {
		return rejectSignature // no key: nothing is Discord's (VerifyInteraction would panic)
	}
	sig, ts := r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp")
	if sig == "" || ts == "" {
		return rejectMissing
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return rejectMalformed
	}
	if d := now.Sub(time.Unix(secs, 0)); d > maxSkew || d < -maxSkew {
		return rejectStale
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if discordgo.VerifyInteraction(r, key) {
		return ""
	}
	if b, err := hex.DecodeString(sig); err != nil || len(b) != ed25519.SignatureSize {
		return rejectMalformed
	}
	return rejectSignature
}
