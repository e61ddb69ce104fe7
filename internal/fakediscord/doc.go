// Package fakediscord is an in-process fake of Discord for tests: an
// httptest server on 127.0.0.1 that serves the REST routes a bot uses
// (gateway lookup, command registration, interaction callbacks, webhook
// edits and followups, channel messages) and a v10 JSON WebSocket gateway
// (Hello, Identify, READY, heartbeats, Resume, dispatches).
//
// A test starts one with New, points a discordgo session at it with
// NewSession (or with Transport, for a session it builds itself), dispatches
// interactions built by Command, Autocomplete and Component, and waits for
// what the bot sent with WaitResponse, WaitEdit, WaitFollowup and Wait:
//
//	f := fakediscord.New(t)
//	s := f.NewSession(t) // REST and gateway lookup go to f
//	// ... register the bot's handlers on s, then:
//	if err := s.Open(); err != nil { t.Fatal(err) }
//	ix := f.Command("point", fakediscord.IntegerOption("number", 14))
//	if err := f.DispatchInteraction(ctx, ix); err != nil { t.Fatal(err) }
//	resp, err := f.WaitResponse(ctx, ix.ID)
//
// discordgo builds its URLs from package variables computed at init
// (EndpointAPI derives from EndpointDiscord), so reassigning them later moves
// nothing; instead every request the session makes goes through a
// RoundTripper that rewrites scheme and host to the fake, and the gateway
// URL comes from the fake's GET /gateway answer.
//
// The fake only listens on loopback, imports nothing of planbot, and must
// not be imported by non-test code.
package fakediscord
