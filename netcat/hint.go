package netcat

import (
	"errors"
	"fmt"
	"io"
	"net"

	"github.com/socklab/socklab/netops"
	"github.com/socklab/socklab/say"
	"github.com/socklab/socklab/words"
)

// hint prints, after the line of a connection's error, what the error
// means for someone learning networks, in the words the shell uses for the
// same errnos: nothing listens on that port, no answer, no route. addr is
// the destination of a connect that failed, or "" for an established
// connection's error. Other errors get no hint.
func hint(stderr io.Writer, err error, addr string) {
	text := ""
	switch netops.Errno(err) {
	case "ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH":
		text = say.Meaning(err)
	case "":
		var ne net.Error
		var de *net.DNSError                                                           // a lookup's timeout is said by its own message
		if addr != "" && errors.As(err, &ne) && ne.Timeout() && !errors.As(err, &de) { // -w's connect timeout
			text = words.T("hint.connect_timeout", addr)
		}
	}
	if text != "" {
		fmt.Fprintf(stderr, "socklab nc: %s %s\n", words.T("label.hint"), text)
	}
}
