//go:build !windows

package words

// systemLang returns "": here the locale's variables are the system's
// language.
func systemLang() string { return "" }
