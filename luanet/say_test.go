package luanet

import (
	"strings"
	"testing"

	"github.com/socklab/socklab/words"
)

// TestSay: say renders a script sentence of the catalog in the language
// chosen, whole numbers as integers and others as they are, and raises at
// the script's line on a key the scripts' catalog lacks.
func TestSay(t *testing.T) {
	defer words.SetLang(words.EN)
	for _, c := range []struct {
		lang words.Lang
		want string
	}{
		{words.EN, "listening on 127.0.0.1:80\ntrying again in 0.5 s\n[3] received \"a\\n\"\n"},
		{words.PT, "escutando em 127.0.0.1:80\ntentando de novo em 0.5 s\n[3] recebido \"a\\n\"\n"},
	} {
		words.SetLang(c.lang)
		out, _, err := runLua(t, `print(say("script.listening", "127.0.0.1", 80))
print(say("script.retry.again", 0.5))
print(say("script.received", 3, "a\n"))`, Options{})
		if err != nil || out != c.want {
			t.Errorf("%v: %q, %v; want %q", c.lang, out, err, c.want)
		}
	}
	words.SetLang(words.EN)
	for _, key := range []string{"script.no_such_sentence", "lua.exit"} {
		_, _, err := runLua(t, `print(say("`+key+`"))`, Options{})
		if err == nil || !strings.Contains(err.Error(), "test.lua:1: bad argument #1 to 'say' (no sentence \""+key+"\"") {
			t.Errorf("say(%q): %v", key, err)
		}
	}
}
