package words

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// prose is a string of three words or more: a sentence someone reads.
var prose = regexp.MustCompile(`[A-Za-z]{2,}[ ,]+[A-Za-z']+[ ,]+[A-Za-z']{2,}`)

// printers are the calls whose literal text reaches a person.
var printers = map[string]bool{
	"fmt.Errorf": true, "errors.New": true,
	"fmt.Printf": true, "fmt.Println": true, "fmt.Print": true,
	"fmt.Fprintf": true, "fmt.Fprintln": true, "fmt.Fprint": true,
}

// proseAllowed are the files whose sentences stay as they are, and why.
var proseAllowed = map[string]string{
	"netcat/verbose.go": "nc -v's lines are netcat-openbsd's own English, which scripts match",
}

// mermaid is the syntax of the ladder's Mermaid diagram, not prose.
var mermaid = regexp.MustCompile(`^    (participant [LR] as|Note (left|right) of [LR]:) `)

// TestNoProseOutsideCatalog fails on a sentence written in the code instead
// of the catalog: a string literal of three words or more given to
// fmt.Errorf, errors.New or a fmt print function, in any non-test Go file
// of the module outside words/ (all systems' files). A package-level error
// variable (a sentinel such as netops.ErrNoSocket) is a fact that the upper
// layer renders (package say), so it is not counted; neither are cmd/ and
// bench/, the developers' tools.
func TestNoProseOutsideCatalog(t *testing.T) {
	root := ".."
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			switch {
			case rel == ".":
			case rel == "words", rel == "cmd", rel == "bench", rel == "testdata",
				strings.HasPrefix(d.Name(), "."), strings.HasSuffix(rel, "/testdata"):
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") || proseAllowed[rel] != "" {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue // package-level declarations: sentinel errors, constants
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				pkg, ok := sel.X.(*ast.Ident)
				if !ok || !printers[pkg.Name+"."+sel.Sel.Name] {
					return true
				}
				for _, arg := range call.Args {
					lit, ok := arg.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					if s, err := strconv.Unquote(lit.Value); err == nil && prose.MatchString(s) && !mermaid.MatchString(s) {
						found = append(found, fset.Position(lit.Pos()).String()+": "+lit.Value)
					}
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("a sentence outside the catalog (put it in words/ and render it with words.T): %s", f)
	}
}

// luaLiteral is a Lua string literal in double or single quotes.
var luaLiteral = regexp.MustCompile(`"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'`)

// TestNoProseInScripts fails on a sentence written in a course exercise
// (scripts/*.lua) instead of the catalog: a string literal of three words
// or more outside a comment. A script says its sentences with
// say("script.name", ...), in the language socklab speaks.
func TestNoProseInScripts(t *testing.T) {
	files, err := filepath.Glob("../scripts/*.lua")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts found: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			lits := luaLiteral.FindAllStringIndex(line, -1)
			end := len(line) // where a comment starts: the first -- outside a literal
			for at := 0; at < len(line); {
				c := strings.Index(line[at:], "--")
				if c < 0 {
					break
				}
				c += at
				inside := false
				for _, l := range lits {
					if l[0] <= c && c < l[1] {
						inside, at = true, l[1]
					}
				}
				if !inside {
					end = c
					break
				}
			}
			for _, l := range lits {
				if lit := line[l[0]:l[1]]; l[0] < end && prose.MatchString(lit) {
					t.Errorf("%s:%d: a sentence outside the catalog (add it to words/scripts.go and print it with say): %s", f, i+1, lit)
				}
			}
		}
	}
}
