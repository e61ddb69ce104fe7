package bot

import (
	"os"
	"testing"

	"github.com/planbot/planbot/internal/fakediscord"
)

func TestMain(m *testing.M) {
	fakediscord.RaiseTestParallel() // the gateway tests mostly wait on discordgo's Close
	os.Exit(m.Run())
}
