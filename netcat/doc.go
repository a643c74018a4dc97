// Package netcat implements `socklab nc`, a drop-in for netcat-openbsd's
// everyday flags that moves bytes between stdin/stdout and one TCP or UDP
// socket as fast as the kernel allows.
//
// # Flags
//
// The flags keep netcat-openbsd's letters and meaning: -l, -k, -u, -v, -n,
// -w, -N, -q, -z, -s, -p, -4, -6, -C, -U and -d, combined as getopt does
// (-lvk, -lp 9000, -w3). Flags that socklab does not implement are refused
// with exit status 2 instead of being ignored. See [Main] and the text of
// `socklab nc -h`. TLS uses ncat's long flags (--ssl, --ssl-cert, --ssl-key,
// --ssl-verify, --ssl-trustfile, --ssl-servername).
//
// # End of input
//
// What happens when one side ends is the most common surprise with netcat.
// socklab follows netcat-openbsd 1.219 (Debian), checked by experiment:
//
//   - stdin reaches EOF, no -N and no -q: nothing is sent to the peer (no
//     FIN); socklab keeps copying the socket to stdout until the peer closes.
//   - stdin reaches EOF with -N: shutdown(SHUT_WR) sends a FIN, then socklab
//     keeps receiving until the peer closes.
//   - stdin reaches EOF with -q SECS: a FIN is sent as with -N, and socklab
//     keeps receiving until the peer closes, as netcat-openbsd 1.219 does
//     (its manual says it quits SECS later; it does not while the peer
//     sends). Over UDP, which has no FIN, it quits SECS after stdin's EOF.
//     nc then lingers SECS more after the peer closed; socklab exits.
//   - the peer closes (socklab reads EOF) when connecting: socklab stops
//     reading the socket, keeps sending stdin until stdin's EOF, then exits.
//   - the peer closes when listening (-l): socklab exits at once, as
//     netcat-openbsd does; with -k it waits for the next client.
//   - both directions closed: exit status 0.
//   - the peer resets the connection: exit status 0, without a message.
//   - whoever reads stdout goes away (`| head -c 10`): SIGPIPE is ignored,
//     socklab stops reading the socket as if the peer had closed, and exits
//     0 without a message, on every copy path.
//   - -w SECS: no data in either direction for SECS ends the connection
//     with status 0 (also a connect timeout, which fails with status 1).
//     Bytes stdout takes count as data moving; a reader that stops
//     reading stdout does not hold socklab past SECS, as nc.
//
// Everything the peer sent before it closed is written to stdout before
// socklab exits (unless -w's time passes with stdout taking nothing, or
// Ctrl-C): bytes are never dropped because one side closed first.
//
// # Speed
//
// On Linux the copy uses the kernel's zero-copy paths: sendfile(2) when
// stdin is a regular file, splice(2) when stdin is a pipe and splice(2)
// from the socket to stdout (write(2) when stdout refuses splice, as
// /dev/full does). Elsewhere it copies with 256 KiB buffers.
package netcat
