package main

import (
	"os"
	"strings"
	"testing"
)

// TestEnvExampleListsEveryVariable keeps .env.example in step with Config.
func TestEnvExampleListsEveryVariable(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range envVars {
		if !strings.Contains(string(data), v.name+"=") {
			t.Errorf(".env.example does not list %s", v.name)
		}
	}
}
