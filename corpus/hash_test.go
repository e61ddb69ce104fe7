package corpus_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/planbot/planbot/corpus"
)

// TestHash: the hash names what a corpus serves. Loading the same files
// again, or from another folder, gives the same hash; any edit to what is
// served gives another; files the loader ignores do not count.
func TestHash(t *testing.T) {
	base := loadGood(t).Hash()
	if len(base) != 64 {
		t.Fatalf("Hash() = %q; want 64 hex digits", base)
	}
	if again := loadGood(t).Hash(); again != base {
		t.Errorf("the same files hash to %s, then %s", base, again)
	}
	tests := []struct {
		name  string
		edits []edit
		same  bool
	}{
		{"clause text", []edit{replace("plan.md", "Ukraine's sovereignty is confirmed.", "Ukraine's sovereignty is affirmed.")}, false},
		{"clause title", []edit{replace("plan.md", "## 2. Armed forces", "## 2. Army size")}, false},
		{"synonyms", []edit{replace("synonyms.txt", "army, armed forces, Troops", "army, armed forces")}, false},
		{"new article", []edit{write("new.md", newArticle)}, false},
		{"ignored notes", []edit{replace("notes.txt", "Editor notes", "Other notes")}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := loadGood(t, tt.edits...).Hash()
			if (got == base) != tt.same {
				t.Errorf("Hash() after the edit = %s, before %s; want same=%v", corpus.ShortHash(got), corpus.ShortHash(base), tt.same)
			}
		})
	}
}

// TestHashIgnoresFolder: replicas mount the corpus at different paths.
func TestHashIgnoresFolder(t *testing.T) {
	fsys := goodFiles(t)
	a, err := corpus.Load(fsys, "/srv/corpus")
	if err != nil {
		t.Fatal(err)
	}
	b, err := corpus.Load(fsys, "mnt/planbot-corpus")
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash() != b.Hash() {
		t.Errorf("one corpus hashes to %s in /srv/corpus and %s in mnt/planbot-corpus", corpus.ShortHash(a.Hash()), corpus.ShortHash(b.Hash()))
	}
}

func TestShortHash(t *testing.T) {
	if got := corpus.ShortHash("4f2a9c1b7e3d0011223344"); got != "4f2a9c1b7e3d" {
		t.Errorf("ShortHash = %q", got)
	}
	if got := corpus.ShortHash("abc"); got != "abc" {
		t.Errorf("ShortHash(abc) = %q", got)
	}
}

// goodFiles reads the regular files of testdata/good.
func goodFiles(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir(filepath.Join("testdata", "good"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			data, err := os.ReadFile(filepath.Join("testdata", "good", e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			fsys[e.Name()] = &fstest.MapFile{Data: data}
		}
	}
	return fsys
}
