package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// versionsCorpus is the three-version toy corpus (see its README.txt).
var versionsCorpus = filepath.Join("..", "..", "testdata", "versions")

func TestCompareExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		want    int
		wantErr string // substring of the one-line stderr; "" for none
	}{
		{"ok", []string{"compare", "6"}, exitOK, ""},
		{"json", []string{"compare", "--json", "26"}, exitOK, ""},
		{"section sign", []string{"compare", "§1"}, exitOK, ""},
		{"toy corpus", []string{"compare", "--corpus", versionsCorpus, "8"}, exitOK, ""},
		{"outside the draft", []string{"compare", "29"}, exitUsage, "planbot compare: there is no point 29 in the 28-point draft: it has points 1–28"},
		{"outside the toy draft", []string{"compare", "--corpus", versionsCorpus, "9"}, exitUsage, "there is no point 9 in the harbour draft: it has points 1–8"},
		{"json outside the draft", []string{"compare", "--json", "999"}, exitUsage, "there is no point 999"},
		{"zero", []string{"compare", "0"}, exitUsage, "no point 0"},
		{"sub-point", []string{"compare", "21d"}, exitUsage, "compare takes a whole point: give 21, not 21d"},
		{"none", []string{"compare"}, exitUsage, "give one point number"},
		{"two", []string{"compare", "6", "7"}, exitUsage, "give one point number"},
		{"words", []string{"compare", "army"}, exitUsage, `"army" is not a point number`},
		{"bad flag", []string{"compare", "--frob", "6"}, exitUsage, "-frob"},
		{"bad corpus", []string{"compare", "--corpus", "testdata/corpus-bad", "1"}, exitFail, "problems"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := planbot(t, nil, tt.args...)
			if code != tt.want {
				t.Errorf("planbot %q = exit %d; want %d (stderr %q)", tt.args, code, tt.want, stderr)
			}
			if tt.wantErr == "" {
				if stderr != "" || stdout == "" {
					t.Errorf("planbot %q: stdout %d bytes, stderr %q; want output and no error", tt.args, len(stdout), stderr)
				}
				return
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("planbot %q stderr = %q; want it to contain %q", tt.args, stderr, tt.wantErr)
			}
			if tt.want == exitUsage && strings.Count(stderr, "\n") != 1 {
				t.Errorf("planbot %q stderr = %q; want one line", tt.args, stderr)
			}
			if tt.want == exitUsage && stdout != "" {
				t.Errorf("planbot %q printed %q on stdout; want nothing", tt.args, stdout)
			}
		})
	}
}

// keysOf returns the sorted keys of a JSON object.
func keysOf(t *testing.T, v any) string {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%v is not a JSON object", v)
	}
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}

// TestCompareJSONContract decodes compare --json without the Go types that
// produce it and checks the contract field by field: the names, the types,
// and that nothing else is there.
func TestCompareJSONContract(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := planbot(t, nil, "compare", "--json", "--corpus", versionsCorpus, "6")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		t.Fatal(err)
	}
	if got := keysOf(t, top); got != "commentary,point,title,versions" {
		t.Fatalf("top-level keys %s; want commentary,point,title,versions", got)
	}
	if top["point"] != json.Number("6") || top["title"] != "Army size" {
		t.Errorf("point, title = %v, %v; want 6, Army size", top["point"], top["title"])
	}
	versions, ok := top["versions"].([]any)
	if !ok || len(versions) != 3 {
		t.Fatalf("versions = %v; want three", top["versions"])
	}
	type clause struct {
		number      json.Number
		title, text string
	}
	wantVersions := []struct {
		doc, version, date, status string
		clauses                    []clause
		source                     string
	}{
		{"harbour-draft", "harbour draft", "2025-11-20", "original",
			[]clause{{"6", "Army size", "The army is capped at 5,000 soldiers."}}, "https://example.org/draft"},
		{"harbour-v2", "second version", "2025-12-01", "continued",
			[]clause{{"6", "Army ceiling", "The army is capped at 8,000 soldiers in peacetime."}, {"7", "Reserve forces", "Reservists do not count towards the ceiling."}},
			"https://example.org/v2"},
		{"harbour-v3", "framework", "2025-12-20", "continued",
			[]clause{{"3", "Combined forces", "The army and the navy together number at most 9,000 in peacetime."}}, "https://example.org/v3"},
	}
	for i, w := range wantVersions {
		v := versions[i].(map[string]any)
		if got := keysOf(t, v); got != "clauses,date,doc,sources,status,version" {
			t.Errorf("version %d keys %s; want clauses,date,doc,sources,status,version", i, got)
		}
		if v["doc"] != w.doc || v["version"] != w.version || v["date"] != w.date || v["status"] != w.status {
			t.Errorf("version %d = %v %v %v %v; want %s %s %s %s", i, v["doc"], v["version"], v["date"], v["status"], w.doc, w.version, w.date, w.status)
		}
		cs, _ := v["clauses"].([]any)
		if len(cs) != len(w.clauses) {
			t.Fatalf("version %d clauses = %v; want %d", i, v["clauses"], len(w.clauses))
		}
		for j, wc := range w.clauses {
			c := cs[j].(map[string]any)
			if got := keysOf(t, c); got != "number,text,title" {
				t.Errorf("clause keys %s; want number,text,title", got)
			}
			if c["number"] != wc.number || c["title"] != wc.title || c["text"] != wc.text {
				t.Errorf("version %d clause %d = %v; want %v", i, j, c, wc)
			}
		}
		ss, _ := v["sources"].([]any)
		if len(ss) != 1 {
			t.Fatalf("version %d sources = %v; want one", i, v["sources"])
		}
		s := ss[0].(map[string]any)
		if got := keysOf(t, s); got != "date,name,url" {
			t.Errorf("source keys %s; want date,name,url", got)
		}
		if s["url"] != w.source {
			t.Errorf("version %d source url %v; want %s", i, s["url"], w.source)
		}
	}
	cm, _ := top["commentary"].([]any)
	if len(cm) != 1 {
		t.Fatalf("commentary = %v; want the one section linked to point 6", top["commentary"])
	}
	c := cm[0].(map[string]any)
	if got := keysOf(t, c); got != "doc,snippet,title" {
		t.Errorf("commentary keys %s; want doc,snippet,title", got)
	}
	if c["doc"] != "harbour-report" || c["title"] != "The army ceiling" || !strings.HasPrefix(c["snippet"].(string), "The ceiling on the army rose") {
		t.Errorf("commentary = %v", c)
	}
}

func TestCompareJSONStatuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		corpus string
		n      string
		want   []string
	}{
		{versionsCorpus, "3", []string{"original", "dropped", "dropped"}},
		{versionsCorpus, "4", []string{"original", "not reported", "not reported"}},
		{versionsCorpus, "7", []string{"original", "continued", "continued"}},
		{versionsCorpus, "8", []string{"original", "not reported", "dropped"}},
		{"", "3", []string{"original", "dropped", "not reported"}},
		{"", "6", []string{"original", "continued", "continued"}},
	}
	for _, tt := range tests {
		args := []string{"compare", "--json", tt.n}
		if tt.corpus != "" {
			args = append(args, "--corpus", tt.corpus)
		}
		stdout, stderr, code := planbot(t, nil, args...)
		if code != exitOK {
			t.Fatalf("planbot %q: exit %d: %s", args, code, stderr)
		}
		var out compareOutput
		if err := json.NewDecoder(bytes.NewReader([]byte(stdout))).Decode(&out); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, v := range out.Versions {
			got = append(got, v.Status)
			if (v.Status == "dropped" || v.Status == "not reported") != (len(v.Clauses) == 0) {
				t.Errorf("planbot %q: %s is %q with %d clauses", args, v.Doc, v.Status, len(v.Clauses))
			}
			if v.Clauses == nil || v.Sources == nil {
				t.Errorf("planbot %q: %s has null clauses or sources; want []", args, v.Doc)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("planbot %q statuses %q; want %q", args, got, tt.want)
		}
	}
}

func TestCompareTranscripts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
	}{
		{"compare-6", []string{"compare", "6"}},
		{"compare-versions-6", []string{"compare", "--corpus", versionsCorpus, "6"}},
		{"compare-versions-8", []string{"compare", "--corpus", versionsCorpus, "8"}},
		{"compare-29", []string{"compare", "29"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkGolden(t, tt.name, transcript(t, tt.args...))
		})
	}
}
