package bot

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"
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

// signedMessage is what Discord signs: the timestamp header followed by
// the body. readSigned reads the body straight after the timestamp, so
// verifying copies nothing.
type signedMessage struct {
	buf  []byte  // timestamp + body
	ts   int     // length of the timestamp prefix
	pool *[]byte // where buf goes back to, see free
}

// body is the request body.
func (m *signedMessage) body() []byte { return m.buf[m.ts:] }

// verify checks the Ed25519 signature of a request whose timestamp header
// and body are in m. It returns "" when the request is Discord's, else the
// reason it is not.
func verify(key ed25519.PublicKey, h http.Header, m *signedMessage, now time.Time) string {
	sigHex, ts := h.Get("X-Signature-Ed25519"), h.Get("X-Signature-Timestamp")
	if sigHex == "" || ts == "" {
		return rejectMissing
	}
	var sig [ed25519.SignatureSize]byte
	if len(sigHex) != 2*len(sig) {
		return rejectMalformed
	}
	if _, err := hex.Decode(sig[:], []byte(sigHex)); err != nil {
		return rejectMalformed
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return rejectMalformed
	}
	if d := now.Sub(time.Unix(secs, 0)); d > maxSkew || d < -maxSkew {
		return rejectStale
	}
	if !ed25519.Verify(key, m.buf, sig[:]) {
		return rejectSignature
	}
	return ""
}
