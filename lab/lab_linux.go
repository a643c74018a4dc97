package lab

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// Inside reports whether this process is the one [Start] made.
func Inside() bool { return os.Getenv(envMarker) == "1" }

// Start runs this program again with args in a new user and network
// namespace, where it is root of its own network and nothing else (its
// user and group are mapped to the caller's). It waits for it, passing on
// SIGINT, SIGTERM and SIGHUP (but not a terminal's Ctrl-C, which reaches
// it directly), and returns its exit status (128+N when signal N ended it).
func Start(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(exe, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	cmd.Env = append(os.Environ(), envMarker+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags:  syscall.CLONE_NEWUSER | syscall.CLONE_NEWNET,
		UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
		GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
		Pdeathsig:   syscall.SIGTERM,
	}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		return 0, &Error{Step: "unshare", Err: err, Blocked: blocker()}
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				if s == syscall.SIGINT && fromTerminal() {
					continue // the lab got it from the terminal too
				}
				cmd.Process.Signal(s)
			case <-done:
				return
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal()), nil
		}
		return ee.ExitCode(), nil
	}
	return 0, err
}

// fromTerminal reports whether a SIGINT just received came from a
// terminal's Ctrl-C: this process group is the foreground one of the
// terminal on its standard input, output or error. The terminal sends it
// to the whole group, the lab included, which must not get it twice: a
// second one would cancel the next command before it is typed.
func fromTerminal() bool {
	for _, fd := range []int{0, 1, 2} {
		if pg, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP); err == nil && pg == unix.Getpgrp() {
			return true
		}
	}
	return false
}

// Setup prepares the lab from inside: it brings the loopback interface up
// (a new network namespace starts with it down), which gives it 127.0.0.1
// and ::1.
func Setup() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return &Error{Step: "loopback", Err: err, Blocked: blocker()}
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return &Error{Step: "loopback", Err: err}
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return &Error{Step: "loopback", Err: os.NewSyscallError("SIOCGIFFLAGS", err), Blocked: blocker()}
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return &Error{Step: "loopback", Err: os.NewSyscallError("SIOCSIFFLAGS", err), Blocked: blocker()}
	}
	return nil
}

// blockers are the settings known to keep unprivileged user namespaces
// off: the file to read, the value that blocks, and one that allows.
var blockers = []struct{ path, name, blocks, want string }{
	{"/proc/sys/user/max_user_namespaces", "user.max_user_namespaces", "0", "15000"},
	{"/proc/sys/kernel/unprivileged_userns_clone", "kernel.unprivileged_userns_clone", "0", "1"},
	{"/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "kernel.apparmor_restrict_unprivileged_userns", "1", "0"},
}

// blocker returns the first setting that keeps user namespaces off, or nil.
func blocker() *Setting {
	for _, b := range blockers {
		v, err := os.ReadFile(b.path)
		if err == nil && strings.TrimSpace(string(v)) == b.blocks {
			return &Setting{Name: b.name, Value: b.blocks, Want: b.want}
		}
	}
	return nil
}
