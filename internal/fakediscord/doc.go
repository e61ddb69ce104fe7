// Package fakediscord is an in-process fake of Discord for tests: an
// httptest server on 127.0.0.1 serving the REST routes a bot uses (gateway
// lookup, command registration, interaction callbacks, webhook edits and
// followups, channel messages) and a v10 JSON WebSocket gateway (Hello,
// Identify and READY, heartbeat ACKs, Resume with replay, dispatches).
//
// A test starts one with New, points a discordgo session at it with
// NewSession (or its own session with Transport or APIBase), dispatches
// interactions built by Command, MessageCommand, Autocomplete and
// Component, and waits for what the bot sent. Sessions that identify as
// shards of one bot each get the events of their guilds (ShardFor):
//
//	f := fakediscord.New(t)
//	s := f.NewSession(t) // REST and the gateway lookup go to f
//	s.AddHandler(handler)
//	if err := s.Open(); err != nil { t.Fatal(err) }
//	ix := f.Command("point", fakediscord.IntegerOption("number", 14))
//	if err := f.DispatchInteraction(ctx, ix); err != nil { t.Fatal(err) }
//	resp, err := f.WaitResponse(ctx, ix.ID) // resp.Data.Content, .Embeds…
//
// The fake refuses what Discord refuses (a missing "Bot" authorization,
// content over 2000 characters and other documented limits, a second
// acknowledgement, an edit before the first), answering in Discord's JSON
// error shape; Rejected lists those requests, Unhandled the routes it does
// not serve.
//
// It imports no planbot package and is imported by tests only.
package fakediscord
