package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestCatalogComplete walks the bot package's source and fails for every
// string given to tr, trf or plural (a literal, or a constant of the
// package) that has no Ukrainian or Russian in the catalog, so nothing the
// bot says is left in English silently. A noun given to plural needs its
// three forms, "one|few|many".
func TestCatalogComplete(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[n.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
	}
	// stringOf is the text of a literal, a package constant or a
	// concatenation of them; ok is false for anything computed.
	var stringOf func(e ast.Expr) (string, bool)
	stringOf = func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind == token.STRING {
				s, err := strconv.Unquote(e.Value)
				return s, err == nil
			}
		case *ast.Ident:
			s, ok := consts[e.Name]
			return s, ok
		case *ast.BinaryExpr:
			if e.Op == token.ADD {
				a, ok1 := stringOf(e.X)
				b, ok2 := stringOf(e.Y)
				return a + b, ok1 && ok2
			}
		case *ast.ParenExpr:
			return stringOf(e.X)
		}
		return "", false
	}
	missing := map[string]string{}
	used := 0
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok {
				return true
			}
			arg := -1
			switch fn.Name {
			case "tr", "trf":
				arg = 1
			case "plural":
				arg = 2
			}
			if arg < 0 || len(call.Args) <= arg {
				return true
			}
			s, ok := stringOf(call.Args[arg])
			if !ok {
				return true // a version's name or another computed text
			}
			used++
			where := fset.Position(call.Pos()).String()
			w, ok := catalog[s]
			switch {
			case !ok || w.uk == "" || w.ru == "":
				missing[s] = where + ": no Ukrainian or Russian for"
			case fn.Name == "plural" && (strings.Count(w.uk, "|") != 2 || strings.Count(w.ru, "|") != 2):
				missing[s] = where + ": plural needs one|few|many for"
			case fn.Name == "trf" && (strings.Count(w.uk, "%") != strings.Count(s, "%") || strings.Count(w.ru, "%") != strings.Count(s, "%")):
				missing[s] = where + ": not the same verbs as the English in"
			}
			return true
		})
	}
	if used < 50 {
		t.Fatalf("only %d texts given to tr, trf and plural: is the walk still finding them?", used)
	}
	keys := make([]string, 0, len(missing))
	for k := range missing {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("%s %q", missing[k], k)
	}
}
