package words

import (
	"regexp"
	"strings"
	"testing"
)

// avoided are Portuguese forms the catalog does not use (regular
// expressions, on the message in lower case), each with the one it uses
// for the same thing: a student reads one name for one concept.
var avoided = []struct{ form, use string }{
	{"ligação", "conexão"},
	{"soquete", "socket"},
	{"fim de fluxo", "fim do fluxo"},
	{`conect\pL* em `, "conectar a"}, // conectar, conectou, conectando em
	{"conexao", "conexão"},
	{"endereco", "endereço"},
	{"nao ", "não "},
}

// TestPortugueseTerms fails on a Portuguese message that names a concept
// otherwise than the rest of the catalog, or lacks an accent it needs.
func TestPortugueseTerms(t *testing.T) {
	check := func(key, pt string) {
		low := strings.ToLower(pt)
		for _, a := range avoided {
			if m := regexp.MustCompile(a.form).FindString(low); m != "" {
				t.Errorf("%s: %q says %q; the catalog says %q", key, pt, m, a.use)
			}
		}
	}
	for k, x := range texts {
		check(k, x.PT)
	}
	for k, p := range plurals {
		check(k, p.One.PT)
		check(k, p.Other.PT)
	}
}
