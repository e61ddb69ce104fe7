package settings

import (
	"context"
	"github.com/planbot/planbot/internal/pgtest"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"testing"
)

// freshPostgres gives each test its own schema in the test database.
func freshPostgres(t *testing.T) opener {
	connString := pgtest.Schema(t, "planbot_test_")
	return func(t *testing.T, log *slog.Logger) Store {
		t.Helper()
		s, err := OpenPostgres(context.Background(), connString, log)
		if err != nil {
			t.Errorf("OpenPostgres(%s) = %v", describePostgres(connString), err)
			t.FailNow()
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
}

func TestOpenPostgresErrorsHidePassword(t *testing.T) {
	const secret = "s3cret-Pa55"
	for _, tt := range []struct {
		name, url string
		want      []string
	}{
		{"not a connection string", "postgres://planbot:" + secret + "@127.0.0.1:notaport/planbot", []string{"PLANBOT_DATABASE_URL"}},
		{"nothing listening", "postgres://planbot:" + secret + "@127.0.0.1:1/planbot?connect_timeout=5", []string{"127.0.0.1:1", "planbot@", "PLANBOT_DATABASE_URL"}},
		{"key=value form", "host=127.0.0.1 port=1 user=planbot password=" + secret + " dbname=planbot connect_timeout=5", []string{"127.0.0.1:1", "PLANBOT_DATABASE_URL"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := OpenPostgres(context.Background(), tt.url, nil)
			if err == nil {
				s.Close()
				t.Fatal("OpenPostgres = nil error; want one")
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("OpenPostgres error shows the password: %q", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("OpenPostgres error is not one line: %q", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("OpenPostgres = %q; want it to name %q", err, w)
				}
			}
		})
	}
}

func TestOpenPostgresWrongPassword(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil || u.User == nil {
		t.Skipf("PLANBOT_TEST_DATABASE_URL is not a postgres:// URL with a user (%v)", err)
	}
	const wrong = "wrong-Pa55word"
	u.User = url.UserPassword(u.User.Username(), wrong)
	s, err := OpenPostgres(context.Background(), u.String(), nil)
	if err == nil {
		s.Close()
		t.Skip("the test server lets anyone in without a password; nothing to check")
	}
	if strings.Contains(err.Error(), wrong) {
		t.Errorf("OpenPostgres error shows the password: %q", err)
	}
	if !strings.Contains(err.Error(), u.Host) {
		t.Errorf("OpenPostgres = %q; want it to name %s", err, u.Host)
	}
}

func TestOpenPicksPostgresAndNeverFallsBack(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{DataDir: dir, DatabaseURL: "postgres://planbot:pw@127.0.0.1:1/planbot?connect_timeout=5"}
	s, err := Open(context.Background(), cfg)
	if err == nil {
		s.Close()
		t.Fatalf("Open(%v) with an unreachable database = %T; want an error, not SQLite", cfg, s)
	}
	if s != nil {
		t.Errorf("Open(%v) = %#v, %v; want a nil Store with the error", cfg, s, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("Open with a database URL wrote %s into the data folder", entries[0].Name())
	}
}
