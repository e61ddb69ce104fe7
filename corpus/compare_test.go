package corpus_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/planbot/planbot/corpus"
)

// edit changes a copy of testdata/good before it is loaded.
type edit func(t *testing.T, fsys fstest.MapFS)

// replace replaces from, which must occur in file, by to.
func replace(file, from, to string) edit {
	return func(t *testing.T, fsys fstest.MapFS) {
		text := string(fsys[file].Data)
		if !strings.Contains(text, from) {
			t.Fatalf("%s does not contain %q", file, from)
		}
		fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(text, from, to, 1))}
	}
}

func remove(file string) edit {
	return func(t *testing.T, fsys fstest.MapFS) { delete(fsys, file) }
}

func write(file, text string) edit {
	return func(t *testing.T, fsys fstest.MapFS) { fsys[file] = &fstest.MapFile{Data: []byte(text)} }
}

// loadGood loads testdata/good after the edits.
func loadGood(t *testing.T, edits ...edit) *corpus.Corpus {
	t.Helper()
	dir := filepath.Join("testdata", "good")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, e := range entries {
		if e.Type().IsRegular() {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			fsys[e.Name()] = &fstest.MapFile{Data: data}
		}
	}
	for _, e := range edits {
		e(t, fsys)
	}
	c, err := corpus.Load(fsys, dir)
	if err != nil {
		t.Fatalf("load edited testdata/good: %v", err)
	}
	return c
}

const newArticle = `---
id: new-article
kind: article
title: New
date: 2025-11-26
sources:
  - name: Example News
---
## Only section
Text.
`

func TestCompare(t *testing.T) {
	tests := []struct {
		name  string
		edits []edit
		want  corpus.Changes
		str   string
	}{
		{name: "nothing", str: "no changes"},
		{
			name:  "text moves down, comments change",
			edits: []edit{replace("plan.md", "<!-- editorial: this comment is never shown -->", "\n\n<!-- another note -->\n")},
			str:   "no changes",
		},
		{
			name:  "point text",
			edits: []edit{replace("plan.md", "within 100 days", "within 60 days")},
			want:  corpus.Changes{DocumentsChanged: []string{"test-plan"}, PointsChanged: []string{"test-plan §4"}},
			str:   "1 point changed (test-plan §4)",
		},
		{
			name: "sub-point",
			edits: []edit{
				replace("plan.md", "- c. A buffer zone is created.", "- c. A buffer zone is created.\n- d. Monitors watch it."),
				replace("plan.md", "- c. Створюється буферна зона.", "- c. Створюється буферна зона.\n- d. Спостерігачі стежать за нею."),
				replace("plan.md", "- c. Создаётся буферная зона.", "- c. Создаётся буферная зона.\n- d. Наблюдатели следят за ней."),
			},
			want: corpus.Changes{DocumentsChanged: []string{"test-plan"}, PointsChanged: []string{"test-plan §3"}},
			str:  "1 point changed (test-plan §3)",
		},
		{
			name:  "translation",
			edits: []edit{replace("plan.md", "Выборы проводятся в течение 100 дней.", "Выборы проходят в течение 100 дней.")},
			want:  corpus.Changes{DocumentsChanged: []string{"test-plan"}, PointsChanged: []string{"test-plan §4"}},
			str:   "1 point changed (test-plan §4)",
		},
		{
			name:  "section translation",
			edits: []edit{replace("article.md", "Земля: найважче.", "Земля: найскладніше.")},
			want:  corpus.Changes{DocumentsChanged: []string{"test-article"}, SectionsChanged: []string{"test-article: Land"}},
			str:   "1 section changed (test-article: Land)",
		},
		{
			name:  "was link",
			edits: []edit{replace("revised.md", "<!-- was: 2, 3 -->", "<!-- was: 3 -->")},
			want:  corpus.Changes{DocumentsChanged: []string{"test-plan-revised"}, PointsChanged: []string{"test-plan-revised §3"}},
			str:   "1 point changed (test-plan-revised §3)",
		},
		{
			name: "points added and removed",
			edits: []edit{
				write("plan.md", string(mustRead(t, "testdata/good/plan.md"))+"\n## 5. Amnesty\nA full amnesty.\n### uk: Амністія\nПовна амністія.\n### ru: Амнистия\nПолная амнистия.\n\n"+
					"## 6. Ceasefire\nA ceasefire.\n### uk: Припинення вогню\nПрипинення вогню.\n### ru: Прекращение огня\nПрекращение огня.\n"),
				replace("revised.md", "## 3. Territory talks\n<!-- was: 2, 3 -->\nTerritory is left to the leaders.\n", ""),
			},
			want: corpus.Changes{
				DocumentsChanged: []string{"test-plan", "test-plan-revised"},
				PointsAdded:      []string{"test-plan §5", "test-plan §6"},
				PointsRemoved:    []string{"test-plan-revised §3"},
			},
			str: "2 points added (test-plan §5, test-plan §6); 1 point removed (test-plan-revised §3)",
		},
		{
			name:  "front matter only",
			edits: []edit{replace("plan.md", "title: Test peace plan (draft)", "title: Test peace plan (leaked draft)")},
			want:  corpus.Changes{DocumentsChanged: []string{"test-plan"}},
			str:   "1 document changed (test-plan)",
		},
		{
			name:  "source",
			edits: []edit{replace("article.md", "https://example.com/article", "https://example.com/article-2")},
			want:  corpus.Changes{DocumentsChanged: []string{"test-article"}},
			str:   "1 document changed (test-article)",
		},
		{
			name:  "document added",
			edits: []edit{write("new.md", newArticle)},
			want:  corpus.Changes{DocumentsAdded: []string{"new-article"}},
			str:   "1 document added (new-article)",
		},
		{
			name:  "document removed",
			edits: []edit{remove("revised.md")},
			want:  corpus.Changes{DocumentsRemoved: []string{"test-plan-revised"}},
			str:   "1 document removed (test-plan-revised)",
		},
		{
			name: "sections",
			edits: []edit{
				replace("article.md", "Land is the hardest part.", "Land is the hardest part by far."),
				replace("article.md", "## Outlook", "## What next"),
				replace("article.md", "<!-- points: 2 -->", "<!-- points: 2, 3 -->"),
				replace("article.md", "The lead paragraph,", "The lead,"),
			},
			want: corpus.Changes{
				DocumentsChanged: []string{"test-article"},
				SectionsAdded:    []string{"test-article: What next"},
				SectionsChanged:  []string{"test-article: What the plan means", "test-article: The army", "test-article: Land"},
				SectionsRemoved:  []string{"test-article: Outlook"},
			},
			str: "1 section added (test-article: What next); " +
				"3 sections changed (test-article: What the plan means, test-article: The army, test-article: Land); " +
				"1 section removed (test-article: Outlook)",
		},
		{
			name:  "repeated headings",
			edits: []edit{write("article.md", string(mustRead(t, "testdata/good/article.md"))+"\n## Outlook\n\nMore.\n\n### uk: Прогноз\nЩе.\n\n### ru: Прогноз\nЕщё.\n")},
			want:  corpus.Changes{DocumentsChanged: []string{"test-article"}, SectionsAdded: []string{"test-article: Outlook (2)"}},
			str:   "1 section added (test-article: Outlook (2))",
		},
		{
			name: "everything at once",
			edits: []edit{
				write("new.md", newArticle),
				replace("plan.md", "title: Test peace plan (draft)", "title: Draft"),
				replace("revised.md", "again.", "once more."),
				replace("synonyms.txt", "army, armed forces", "army, armed forces, military"),
			},
			want: corpus.Changes{
				DocumentsAdded:   []string{"new-article"},
				DocumentsChanged: []string{"test-plan", "test-plan-revised"},
				PointsChanged:    []string{"test-plan-revised §1"},
				SynonymsChanged:  true,
			},
			str: "1 document added (new-article); 1 document changed (test-plan); 1 point changed (test-plan-revised §1); synonyms changed",
		},
	}
	old := loadGood(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := corpus.Compare(old, loadGood(t, tt.edits...))
			if !reflect.DeepEqual(ch, tt.want) {
				t.Errorf("Compare =\n%s\nwant\n%s", dump(ch), dump(tt.want))
			}
			if got := ch.String(); got != tt.str {
				t.Errorf("String() = %q; want %q", got, tt.str)
			}
			if ch.Empty() != (tt.str == "no changes") {
				t.Errorf("Empty() = %v for %q", ch.Empty(), tt.str)
			}
		})
	}
}

func TestCompareNil(t *testing.T) {
	c := loadGood(t)
	ids := []string{"test-article", "test-plan", "test-plan-revised"}
	if got := corpus.Compare(nil, c); !reflect.DeepEqual(got, corpus.Changes{DocumentsAdded: ids, SynonymsChanged: true}) {
		t.Errorf("Compare(nil, c) = %+v; want all documents added", got)
	}
	if got := corpus.Compare(c, nil); !reflect.DeepEqual(got, corpus.Changes{DocumentsRemoved: ids, SynonymsChanged: true}) {
		t.Errorf("Compare(c, nil) = %+v; want all documents removed", got)
	}
	if got := corpus.Compare(nil, nil); !got.Empty() {
		t.Errorf("Compare(nil, nil) = %+v; want no changes", got)
	}
	many := corpus.Changes{PointsChanged: []string{"p §1", "p §2", "p §3", "p §4", "p §5"}}
	if got, want := many.String(), "5 points changed (p §1, p §2, p §3, 2 more)"; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

func mustRead(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
