package settings

import (
	"bytes"
	"context"
	"github.com/planbot/planbot/internal/pgtest"
	"log/slog"
	"strings"
	"testing"
)

func TestOpen(t *testing.T) {
	ctx := context.Background()
	if s, err := Open(ctx, Config{}); err == nil || !strings.Contains(err.Error(), "PLANBOT_DATA_DIR") {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open(Config{}) = %v; want an error naming PLANBOT_DATA_DIR", err)
	}

	s, err := Open(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatalf("Open(DataDir) = %v", err)
	}
	if _, ok := s.(*SQLite); !ok {
		t.Errorf("Open(DataDir) = %T; want *SQLite", s)
	}
	s.Close()
}

func TestOpenPostgresWhenURLSet(t *testing.T) {
	u := pgtest.Schema(t, "planbot_test_")
	s, err := Open(context.Background(), Config{DataDir: t.TempDir(), DatabaseURL: u})
	if err != nil {
		t.Fatalf("Open(DatabaseURL) = %v", err)
	}
	defer s.Close()
	if _, ok := s.(*Postgres); !ok {
		t.Errorf("Open(DatabaseURL) = %T; want *Postgres", s)
	}
}

func TestConfigLogValueHidesPassword(t *testing.T) {
	for _, tt := range []struct {
		cfg  Config
		want string
	}{
		{Config{DataDir: "/var/lib/planbot"}, "data_dir=/var/lib/planbot"},
		{Config{DataDir: "x", DatabaseURL: "postgres://bot:hunter2-secret@db.internal:5433/planbot?sslmode=disable"}, "database=postgres://bot@db.internal:5433/planbot"},
		{Config{DatabaseURL: "host=db.internal user=bot password=hunter2-secret dbname=planbot"}, "database=postgres://bot@db.internal:5432/planbot"},
		{Config{DatabaseURL: "postgres://bot:hunter2-secret@db:bad/planbot"}, "unparsable"},
	} {
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("config", "settings", tt.cfg)
		if strings.Contains(buf.String(), "hunter2") || !strings.Contains(buf.String(), tt.want) {
			t.Errorf("logged %q; want %q and no password", buf.String(), tt.want)
		}
	}
}

func TestCheckVersionAndGuild(t *testing.T) {
	for _, v := range badVersions {
		if err := CheckVersion(v); err == nil {
			t.Errorf("CheckVersion(%q) = nil; want ErrBadVersion", v)
		}
	}
	for _, g := range badGuilds {
		if err := CheckGuild(g); err == nil {
			t.Errorf("CheckGuild(%q) = nil; want ErrBadGuild", g)
		}
	}
	if err := CheckVersion("plan-28-points"); err != nil {
		t.Errorf("CheckVersion(plan-28-points) = %v", err)
	}
	if err := CheckGuild("1083761230128795648"); err != nil {
		t.Errorf("CheckGuild(1083761230128795648) = %v", err)
	}
}
