package main

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/socklab/socklab/lab"
	"github.com/socklab/socklab/words"
)

// TestLabErrorInPortuguese: why --lab could not start is said wholly in the
// chosen language, its labels and the system's error included.
func TestLabErrorInPortuguese(t *testing.T) {
	words.SetLang(words.PT)
	defer words.SetLang(words.EN)
	for _, err := range []error{
		&lab.Error{Step: "unshare", Err: syscall.EPERM, Blocked: &lab.Setting{Name: "user.max_user_namespaces", Value: "0", Want: "15000"}},
		&lab.Error{Step: "unshare", Err: syscall.EPERM},
		lab.ErrNeedLinux,
	} {
		var b strings.Builder
		labError(&b, err)
		out := b.String()
		for _, en := range []string{"error:", "hint:", "operation not permitted"} {
			if strings.Contains(out, en) {
				t.Errorf("%v: English %q in:\n%s", err, en, out)
			}
		}
		if !strings.HasPrefix(out, "erro: ") || !strings.Contains(out, "\ndica: ") {
			t.Errorf("%v: want erro: and dica: lines:\n%s", err, out)
		}
		if errors.Is(err, syscall.EPERM) && !strings.Contains(out, "operação não permitida") {
			t.Errorf("%v: the system's error is not said in Portuguese:\n%s", err, out)
		}
	}
}

// TestLabNamespaceLimit: the kernel refuses a user namespace past the limit
// with ENOSPC, whose text is "no space left on device"; a teacher must not
// be sent to look for a full disk.
func TestLabNamespaceLimit(t *testing.T) {
	for _, err := range []error{
		&lab.Error{Step: "unshare", Err: &os.PathError{Op: "fork/exec", Path: "/usr/bin/socklab", Err: syscall.ENOSPC}, Blocked: &lab.Setting{Name: "user.max_user_namespaces", Value: "0", Want: "15000"}},
		&lab.Error{Step: "unshare", Err: &os.PathError{Op: "fork/exec", Path: "/usr/bin/socklab", Err: syscall.ENOSPC}},
	} {
		var b strings.Builder
		labError(&b, err)
		if out := b.String(); strings.Contains(out, "no space left") || !strings.Contains(out, "the limit on user namespaces is reached") {
			t.Errorf("%v:\n%s", err, out)
		}
	}
}
