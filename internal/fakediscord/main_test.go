package fakediscord

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	RaiseTestParallel()
	os.Exit(m.Run())
}
