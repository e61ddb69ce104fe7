package main

import (
	"crypto/ed25519"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// verifyCeiling measures how many Ed25519 signatures of body the process
// verifies per second with every core busy for d: the most requests per
// second an endpoint that verifies each one could ever answer here.
func verifyCeiling(pub ed25519.PublicKey, priv ed25519.PrivateKey, body []byte, d time.Duration) float64 {
	sig := ed25519.Sign(priv, body)
	var total atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			n := int64(0)
			for time.Now().Before(deadline) {
				for range 16 {
					if !ed25519.Verify(pub, body, sig) {
						panic("ed25519: a valid signature does not verify")
					}
				}
				n += 16
			}
			total.Add(n)
		})
	}
	wg.Wait()
	return float64(total.Load()) / time.Since(start).Seconds()
}
