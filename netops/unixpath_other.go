//go:build !(darwin || ios || freebsd || openbsd || netbsd || dragonfly)

package netops

// maxUnixPath: sun_path holds 108 bytes on Linux and Windows.
const maxUnixPath = 107
