package luanet

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestScriptWithBOM: a script saved by Windows' Notepad or PowerShell
// (Out-File -Encoding utf8) starts with a UTF-8 byte order mark and ends
// its lines with CRLF; it runs as the same text without them does (as Lua
// 5.2 and later load it), instead of failing with "near '\xef': Invalid
// token". A first line starting with "#" after the mark is skipped too.
func TestScriptWithBOM(t *testing.T) {
	for name, src := range map[string]string{
		"bom.lua":      "\xef\xbb\xbfprint(\"olá\", #[[a\r\nb]])\r\nprint(\"fim\")\r\n",
		"bom_hash.lua": "\xef\xbb\xbf#!/usr/bin/env socklab\r\nprint(\"olá\", #[[a\r\nb]])\r\nprint(\"fim\")\r\n",
	} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		s := startFile(t, path, nil)
		if err := s.wait(t, 10*time.Second); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, s.errw)
		}
		if got := s.out.String(); got != "olá\t3\nfim\n" {
			t.Errorf("%s printed %q", name, got)
		}
	}
}
