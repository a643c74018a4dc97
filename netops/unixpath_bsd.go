//go:build darwin || ios || freebsd || openbsd || netbsd || dragonfly

package netops

// maxUnixPath: sun_path holds 104 bytes on macOS and the BSDs.
const maxUnixPath = 103
