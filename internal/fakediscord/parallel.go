package fakediscord

import "flag"

// RaiseTestParallel lets a test binary run eight tests at once whatever
// the cores, unless -parallel was given: tests against a Fake mostly wait
// (discordgo's one-second Close, heartbeats, grace periods) rather than
// compute. Call it in TestMain before m.Run.
func RaiseTestParallel() {
	flag.Parse()
	if f := flag.Lookup("test.parallel"); f != nil && f.Value.String() == f.DefValue {
		f.Value.Set("8")
	}
}
