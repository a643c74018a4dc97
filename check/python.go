package check

import "runtime"

// pythonCmd is the command that runs a Python program on this system, as
// the messages' examples write it: python3 on Linux and macOS; on Windows
// py, the launcher the python.org installer puts in PATH (python3 there is
// often the Microsoft Store's placeholder, which only says that Python is
// not installed).
func pythonCmd() string {
	if runtime.GOOS == "windows" {
		return "py"
	}
	return "python3"
}
