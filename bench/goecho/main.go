// Command goecho is the plain Go echo server the benchmarks compare
// socklab's echo.lua with: one goroutine per connection, each chunk read
// written back. (Not io.Copy(c, c): between two TCP sockets that becomes
// splice(2) through a pipe, two more descriptors per connection, which
// runs out of descriptors when holding 10,000 connections.)
package main

import (
	"flag"
	"log"
	"net"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:65432", "listen address")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			log.Print(err) // e.g. too many open files: back off, as net/http does
			time.Sleep(10 * time.Millisecond)
			continue
		}
		go func() {
			defer c.Close()
			buf := make([]byte, 4096)
			for {
				n, err := c.Read(buf)
				if n > 0 {
					if _, werr := c.Write(buf[:n]); werr != nil {
						return
					}
				}
				if err != nil {
					return
				}
			}
		}()
	}
}
