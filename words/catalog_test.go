package words

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// verbs returns a message's fmt verbs in argument order, so two languages
// can be compared even when one reorders them with %[n]v.
func verbs(f string) []string {
	re := regexp.MustCompile(`%(\[(\d+)\])?[-+# 0]*\d*(\.\d+)?([a-zA-Z%])`)
	var out []string
	next := 1
	for _, m := range re.FindAllStringSubmatch(f, -1) {
		if m[4] == "%" {
			continue
		}
		n := next
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		}
		next = n + 1
		out = append(out, strconv.Itoa(n)+m[4])
	}
	sort.Strings(out)
	return out
}

func checkText(t *testing.T, key string, x Text) {
	t.Helper()
	if strings.TrimSpace(x.EN) == "" || strings.TrimSpace(x.PT) == "" {
		t.Errorf("%s: a language is missing (en %q, pt %q)", key, x.EN, x.PT)
		return
	}
	if a, b := strings.Join(verbs(x.EN), " "), strings.Join(verbs(x.PT), " "); a != b {
		t.Errorf("%s: placeholders differ: en %q, pt %q", key, a, b)
	}
}

func TestEveryMessageHasBothLanguages(t *testing.T) {
	for k, x := range texts {
		checkText(t, k, x)
	}
	for k, p := range plurals {
		checkText(t, k+" (one)", p.One)
		checkText(t, k+" (other)", p.Other)
	}
}

// sources walks the repository's non-test Go and Lua files outside this
// package and returns every string literal they hold, and the literal keys
// passed to this package's functions.
func sources(t *testing.T) (literals map[string]bool, calls map[string]string) {
	t.Helper()
	literals, calls = map[string]bool{}, map[string]string{}
	root := ".."
	luaString := regexp.MustCompile(`"([a-z][a-z0-9_]*(\.[a-z0-9_]+)+)"`)
	luaSay := regexp.MustCompile(`\bsay\("([^"]*)"`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "words") {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case strings.HasSuffix(path, ".lua"):
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range luaString.FindAllStringSubmatch(string(b), -1) {
				literals[m[1]] = true
			}
			for _, m := range luaSay.FindAllStringSubmatch(string(b), -1) { // a script's say("script.x", ...)
				calls[m[1]] = path
			}
		case strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go"):
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BasicLit:
					if n.Kind == token.STRING {
						if s, err := strconv.Unquote(n.Value); err == nil {
							literals[s] = true
						}
					}
				case *ast.CallExpr:
					sel, ok := n.Fun.(*ast.SelectorExpr)
					if !ok || len(n.Args) == 0 {
						return true
					}
					if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "words" {
						return true
					}
					arg := n.Args[0]
					if sel.Sel.Name == "In" && len(n.Args) > 1 {
						arg = n.Args[1]
					}
					if lit, ok := arg.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						calls[s] = fset.Position(lit.Pos()).String()
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
	return literals, calls
}

func TestEveryKeyExistsAndIsUsed(t *testing.T) {
	literals, calls := sources(t)
	for k, where := range calls {
		_, ok := texts[k]
		_, okp := plurals[k]
		if !ok && !okp && k != "" {
			t.Errorf("%s: key %q is not in the catalog", where, k)
		}
	}
	used := func(k string) bool {
		for _, p := range dynamic {
			if strings.HasPrefix(k, p) && literals[p] {
				return true
			}
		}
		return literals[k]
	}
	for k := range texts {
		if !used(k) {
			t.Errorf("message %q is not used anywhere", k)
		}
	}
	for k := range plurals {
		if !used(k) {
			t.Errorf("plural message %q is not used anywhere", k)
		}
	}
}

// TestFromEnv: the locale's variables decide; with none set, the
// system's language does (Windows, which sets no LANG, says "pt-BR").
func TestFromEnv(t *testing.T) {
	for _, c := range []struct {
		env    map[string]string
		system string
		want   Lang
	}{
		{map[string]string{}, "", EN},
		{map[string]string{"LANG": "pt_BR.UTF-8"}, "", PT},
		{map[string]string{"LANG": "C"}, "", EN},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "pt_BR.UTF-8"}, "", EN},
		{map[string]string{"LC_MESSAGES": "pt_PT", "LANG": "C"}, "", PT},
		{map[string]string{}, "pt-BR", PT},
		{map[string]string{}, "en-US", EN},
		{map[string]string{}, "de-DE", EN},
		{map[string]string{"LANG": "C"}, "pt-BR", EN},
	} {
		if got := fromEnv(func(k string) string { return c.env[k] }, func() string { return c.system }); got != c.want {
			t.Errorf("FromEnv(%v) with the system's language %q = %v, want %v", c.env, c.system, got, c.want)
		}
	}
}

func TestRender(t *testing.T) {
	texts["test.x"] = Text{EN: "port %d of %s", PT: "porta %[1]d de %[2]s"}
	plurals["test.n"] = Plural{One: Text{EN: "%d byte", PT: "%d byte"}, Other: Text{EN: "%d bytes", PT: "%d bytes"}}
	defer func() { delete(texts, "test.x"); delete(plurals, "test.n"); SetLang(EN) }()
	if got := In(PT, "test.x", 80, "h"); got != "porta 80 de h" {
		t.Errorf("In(PT) = %q", got)
	}
	SetLang(EN)
	if got := N("test.n", 0); got != "0 bytes" {
		t.Errorf("N(0) en = %q", got)
	}
	SetLang(PT)
	if got := N("test.n", 0); got != "0 bytes" {
		t.Errorf("N(0) pt = %q", got)
	}
	if got := T("no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key renders %q", got)
	}
}
