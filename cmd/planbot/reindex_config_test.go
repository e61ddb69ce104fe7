package main

import (
	"slices"
	"strings"
	"testing"
)

// TestReindexGuildsConfig: PLANBOT_REINDEX_GUILDS limits /reindex to the
// servers listed, * to none, and by default to the development server
// when DISCORD_GUILD_ID is set.
func TestReindexGuildsConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		env     map[string]string
		want    []string
		wantErr string
	}{
		{"unset, no dev server", nil, nil, ""},
		{"unset, dev server", map[string]string{"DISCORD_GUILD_ID": "123456789012345678"}, []string{"123456789012345678"}, ""},
		{"listed", map[string]string{"DISCORD_GUILD_ID": "123456789012345678", "PLANBOT_REINDEX_GUILDS": "223456789012345678, 323456789012345678"},
			[]string{"223456789012345678", "323456789012345678"}, ""},
		{"every server", map[string]string{"DISCORD_GUILD_ID": "123456789012345678", "PLANBOT_REINDEX_GUILDS": "*"}, nil, ""},
		{"a name", map[string]string{"PLANBOT_REINDEX_GUILDS": "my server"}, []string{"my server"}, `PLANBOT_REINDEX_GUILDS: "my server" is not a server id`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := LoadConfig(mapEnv(tt.env))
			if !slices.Equal(c.ReindexGuilds, tt.want) {
				t.Errorf("ReindexGuilds = %q; want %q", c.ReindexGuilds, tt.want)
			}
			err := c.Validate()
			if (tt.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("Validate = %v; want %q", err, tt.wantErr)
			}
		})
	}
}
