package bot

import (
	"flag"
	"os"
	"testing"
)

// TestMain lets eight tests run at once whatever the cores: the gateway
// tests mostly wait on discordgo's one-second Close rather than compute.
// -parallel still wins.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.parallel"); f.Value.String() == f.DefValue {
		f.Value.Set("8")
	}
	os.Exit(m.Run())
}
