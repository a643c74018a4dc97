package lab

import (
	"os"
	"path/filepath"
	"testing"
)

// TestBlocker names the first setting that keeps user namespaces off.
func TestBlocker(t *testing.T) {
	dir := t.TempDir()
	write := func(name, v string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	saved := blockers
	defer func() { blockers = saved }()
	blockers = []struct{ path, name, blocks, want string }{
		{write("max", "15000"), "user.max_user_namespaces", "0", "15000"},
		{filepath.Join(dir, "absent"), "kernel.unprivileged_userns_clone", "0", "1"},
		{write("apparmor", "1"), "kernel.apparmor_restrict_unprivileged_userns", "1", "0"},
	}
	b := blocker()
	if b == nil || b.Name != "kernel.apparmor_restrict_unprivileged_userns" || b.Value != "1" || b.Want != "0" {
		t.Fatalf("blocker %+v", b)
	}
	write("apparmor", "0")
	if b := blocker(); b != nil {
		t.Fatalf("blocker %+v where every setting allows user namespaces", b)
	}
	write("max", "0")
	if b := blocker(); b == nil || b.Name != "user.max_user_namespaces" {
		t.Fatalf("blocker %+v", b)
	}
}
