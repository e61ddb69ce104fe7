package web

import (
	"strings"
	"testing"
)

// show writes segments as [-deleted-] and {+inserted+}.
func show(ss []segment) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString(s.Pre)
		switch s.Op {
		case opIns:
			b.WriteString("{+" + s.Text + "+}")
		case opDel:
			b.WriteString("[-" + s.Text + "-]")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestDiffWords(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"same", "a b c", "a b c", "a b c"},
		{"figure changed", "capped at 600,000 personnel.", "capped at 800,000 personnel.", "capped at [-600,000-] {+800,000+} personnel."},
		{"word added", "forces are capped", "forces are strictly capped", "forces are {+strictly+} capped"},
		{"word removed", "a very big army", "a big army", "a [-very-] big army"},
		{"from nothing", "", "new text here", "{+new text here+}"},
		{"to nothing", "old text", "", "[-old text-]"},
		{"lines kept", "a. one\nb. two", "a. one\nb. three", "a. one\nb. [-two-] {+three+}"},
		{"all replaced", "x y", "p q", "[-x y-] {+p q+}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(diffWords(tt.old, tt.new)); got != tt.want {
				t.Errorf("diffWords(%q, %q) = %q; want %q", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

// TestDiffWordsKeepsNew checks that the kept and inserted words always
// spell the new text and the kept and deleted ones the old.
func TestDiffWordsKeepsNew(t *testing.T) {
	old := "Ukraine's armed forces are capped at 600,000 personnel in peacetime."
	new := "The armed forces of Ukraine stay at 800,000 in peacetime, and NATO stays out."
	var gotNew, gotOld []string
	for _, s := range diffWords(old, new) {
		if s.Op != opDel {
			gotNew = append(gotNew, strings.Fields(s.Text)...)
		}
		if s.Op != opIns {
			gotOld = append(gotOld, strings.Fields(s.Text)...)
		}
	}
	if strings.Join(gotNew, " ") != new || strings.Join(gotOld, " ") != old {
		t.Errorf("diff does not rebuild both texts:\nnew %q\nold %q", strings.Join(gotNew, " "), strings.Join(gotOld, " "))
	}
}

func TestSegmentsHTMLEscapes(t *testing.T) {
	got := string(segmentsHTML(diffWords(`a <b>`, `a <script>x</script> & "q"`), &english))
	want := `a <del><span class="vh">removed: </span>&lt;b&gt;</del> <ins><span class="vh">added: </span>&lt;script&gt;x&lt;/script&gt; &amp; &#34;q&#34;</ins>`
	if got != want {
		t.Errorf("segmentsHTML =\n%s\nwant\n%s", got, want)
	}
}
