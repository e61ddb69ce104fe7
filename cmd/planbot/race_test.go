//go:build race

package main

// raceDetector is true in a test binary built with -race, where every
// goroutine runs several times slower: tests that time a grace period
// give it more room there.
const raceDetector = true
