package words

import "golang.org/x/sys/windows"

// systemLang returns the user's display language ("pt-BR"), the first of
// the user's preferred UI languages, or "" when Windows does not tell.
func systemLang() string {
	l, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil || len(l) == 0 {
		return ""
	}
	return l[0]
}
