package main

import (
	"debug/buildinfo"
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestStaticBinaryRunsUnprivileged checks what the container image relies
// on, without a container runtime (none runs here): the binary builds with
// CGO_ENABLED=0 into a static executable, and runs from an empty folder as
// an unprivileged user with its configuration from the environment alone.
func TestStaticBinaryRunsUnprivileged(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to run the binary as another user")
	}
	dir, err := os.MkdirTemp("", "planbot-static-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "planbot")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range info.Settings {
		if s.Key == "CGO_ENABLED" && s.Value != "0" {
			t.Errorf("built with CGO_ENABLED=%s", s.Value)
		}
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("the binary asks for a dynamic loader; it must be static")
		}
	}
	f.Close()

	work := filepath.Join(dir, "empty")
	if err := os.Mkdir(work, 0o777); err != nil {
		t.Fatal(err)
	}
	run := func(env []string, args ...string) (string, string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = work
		cmd.Env = env
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("run %v: %v", args, err)
		}
		return stdout.String(), stderr.String(), code
	}
	env := []string{"HOME=/nonexistent", "PLANBOT_DATA_DIR=" + filepath.Join(dir, "data")}

	out, errOut, code := run(env, "ask", "--json", "how big can Ukraine's army be?")
	var res struct {
		Results []struct {
			Points []int `json:"points"`
		} `json:"results"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Results) == 0 || len(res.Results[0].Points) == 0 || res.Results[0].Points[0] != 6 {
		t.Errorf("ask as nobody from an empty folder: exit %d, stderr %q, stdout %.200q; want point 6 first", code, errOut, out)
	}

	// A copy the unprivileged user can read wherever the clone lives.
	corpusDir := filepath.Join(dir, "corpus")
	if err := os.CopyFS(corpusDir, os.DirFS("../../testdata/versions")); err != nil {
		t.Fatal(err)
	}
	if err := filepath.Walk(corpusDir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chmod(p, fi.Mode()|0o755)
	}); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = run(append(env, "PLANBOT_CORPUS_DIR="+corpusDir), "index")
	if code != 0 || !strings.Contains(out, "harbour-v3") {
		t.Errorf("index with PLANBOT_CORPUS_DIR from the environment: exit %d, stderr %q, stdout %.300q", code, errOut, out)
	}

	_, errOut, code = run(env, "serve")
	if code == 0 || !strings.Contains(errOut, "DISCORD_TOKEN") || !strings.Contains(errOut, ".env.example") {
		t.Errorf("serve without a token: exit %d, stderr %q; want a clear error naming DISCORD_TOKEN and .env.example", code, errOut)
	}
}
