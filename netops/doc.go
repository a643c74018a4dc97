// Package netops is socklab's socket layer: a table of open sockets with small
// ids, and the operations a person or a script makes on them (listen, accept,
// connect with retry, send, recv by size, line, delimiter or to end of stream,
// shutdown, close, UDP sendto/recvfrom), each taking a context so that it can be
// cancelled.
//
// # Design
//
// netops knows nothing of the shell or of Lua and never prints. Operations
// return errors of type [*OpError] naming the socket id, the operation, the
// network and the address; [Reason] reduces any error to the short words
// scripts compare against ("timeout", "closed", "refused", ...). A [Trace] hook,
// when set on a [Table], is told about every underlying socket call.
//
// # Receiving
//
// A [Socket] keeps bytes it read beyond what one call returned (for example
// the rest of a chunk after a line) and hands them to the next receive, so no
// byte is ever lost between calls. [Socket.Recv] makes at most one read from
// the kernel, as Python's sock.recv does: one call returns one chunk.
package netops
