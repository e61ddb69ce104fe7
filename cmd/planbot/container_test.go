package main

import (
	"bufio"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// dockerfile is what the final stage of the Dockerfile sets.
type dockerfile struct {
	workdir string            // where the process starts
	env     map[string]string // ENV
	volumes []string          // VOLUME
}

// readDockerfile reads the final stage of ../../Dockerfile. A stage from
// distroless :nonroot starts in /home/nonroot unless WORKDIR says else.
func readDockerfile(t *testing.T) dockerfile {
	t.Helper()
	f, err := os.Open("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var d dockerfile
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		args := strings.Join(fields[1:], " ")
		switch strings.ToUpper(fields[0]) {
		case "FROM":
			d = dockerfile{workdir: "/", env: map[string]string{}}
			if strings.Contains(args, ":nonroot") {
				d.workdir = "/home/nonroot"
			}
		case "WORKDIR":
			d.workdir = resolve(d.workdir, args)
		case "ENV":
			k, v, _ := strings.Cut(args, "=")
			d.env[k] = v
		case "VOLUME":
			for _, v := range strings.Split(strings.Trim(args, "[]"), ",") {
				d.volumes = append(d.volumes, strings.Trim(strings.TrimSpace(v), `"`))
			}
		}
	}
	return d
}

// envExample reads the variables .env.example sets (empty ones too).
func envExample(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			env[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return env
}

// composeService is the part of a compose.yaml service this test checks.
type composeService struct {
	Image       string            `yaml:"image"`
	Command     []string          `yaml:"command"`
	Profiles    []string          `yaml:"profiles"`
	EnvFile     string            `yaml:"env_file"`
	Environment map[string]string `yaml:"environment"`
	Volumes     []string          `yaml:"volumes"`
	Ports       []string          `yaml:"ports"`
}

// resolve is p seen from the folder dir, as a process started there sees it.
func resolve(dir, p string) string {
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	return path.Join(dir, p)
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, "/")+"/")
}

// TestContainerFilesAgree reads the Dockerfile, compose.yaml and
// .env.example as a container engine would combine them, and checks that
// the settings land in the data volume whatever .env says, that each
// compose profile starts one kind of bot, and that nothing but the
// interactions endpoint is published, and that on loopback only.
func TestContainerFilesAgree(t *testing.T) {
	d := readDockerfile(t)
	dotenv := envExample(t)

	// dataDir is where planbot keeps its settings, given the environment
	// the container gets: the default "data", relative to where it starts.
	dataDir := func(env map[string]string) string {
		dir := env["PLANBOT_DATA_DIR"]
		if dir == "" {
			dir = defaultDataDirName
		}
		return resolve(d.workdir, dir)
	}
	inVolume := func(dir string, volumes []string) bool {
		return slices.ContainsFunc(volumes, func(v string) bool { return within(dir, v) })
	}

	// docker run --env-file .env: .env's variables over the image's ENV.
	runEnv := map[string]string{}
	for k, v := range d.env {
		runEnv[k] = v
	}
	for k, v := range dotenv {
		runEnv[k] = v
	}
	if dir := dataDir(runEnv); !inVolume(dir, d.volumes) {
		t.Errorf("docker run --env-file .env keeps the settings in %s, outside the image's volumes %q (PLANBOT_DATA_DIR=%q in .env.example, WORKDIR %s)",
			dir, d.volumes, dotenv["PLANBOT_DATA_DIR"], d.workdir)
	}

	b, err := os.ReadFile("../../compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]composeService `yaml:"services"`
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatal(err)
	}
	bots := map[string][]string{} // profile: the planbot services it starts
	for name, s := range compose.Services {
		if s.Image != "planbot" {
			continue
		}
		if len(s.Profiles) != 1 {
			t.Errorf("service %s has profiles %q; want exactly one, so that no profile starts two kinds of bot", name, s.Profiles)
		}
		for _, p := range s.Profiles {
			bots[p] = append(bots[p], name)
		}
		// compose: environment over env_file (.env) over the image's ENV.
		env := map[string]string{}
		for k, v := range d.env {
			env[k] = v
		}
		if s.EnvFile != "" {
			for k, v := range dotenv {
				env[k] = v
			}
		}
		for k, v := range s.Environment {
			env[k] = v
		}
		var mounted []string
		for _, v := range s.Volumes {
			parts := strings.Split(v, ":")
			if len(parts) >= 2 {
				mounted = append(mounted, parts[1])
			}
		}
		if env["PLANBOT_DATABASE_URL"] == "" {
			if dir := dataDir(env); !inVolume(dir, mounted) {
				t.Errorf("service %s keeps its settings in %s, outside its volumes %q", name, dir, mounted)
			}
		}
		if env["PLANBOT_DATA_DIR"] != "" && !path.IsAbs(env["PLANBOT_DATA_DIR"]) && s.Environment["PLANBOT_DATA_DIR"] == "" {
			t.Errorf("service %s takes PLANBOT_DATA_DIR=%q from .env; set it in environment so that .env cannot move it", name, env["PLANBOT_DATA_DIR"])
		}
		for _, p := range s.Ports {
			if !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("service %s publishes %q on every address; publish on 127.0.0.1 for a reverse proxy", name, p)
			}
			if m := env["PLANBOT_METRICS_ADDR"]; m != "" && p[strings.LastIndex(p, ":"):] == m[strings.LastIndex(m, ":"):] {
				t.Errorf("service %s publishes its metrics port (%s)", name, p)
			}
		}
		http := slices.Contains(s.Command, "--http") || env["PLANBOT_HTTP_ADDR"] != ""
		if http && env["PLANBOT_METRICS_ADDR"] == "" {
			t.Errorf("service %s serves /metrics on its interactions port only; set PLANBOT_METRICS_ADDR to a port it does not publish", name)
		}
	}
	for _, p := range []string{"gateway", "http"} {
		if len(bots[p]) != 1 {
			t.Errorf("profile %s starts planbot services %q; want one", p, bots[p])
		}
	}
	for _, name := range bots["gateway"] {
		if slices.Contains(compose.Services[name].Command, "--http") {
			t.Errorf("profile gateway starts %s, an HTTP endpoint", name)
		}
	}
	for _, name := range bots["http"] {
		if !slices.Contains(compose.Services[name].Command, "--http") {
			t.Errorf("profile http starts %s, a gateway bot", name)
		}
	}
}
