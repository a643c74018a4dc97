// Command goecho is the plain Go echo server the benchmarks compare
// socklab's echo.lua with: one goroutine per connection, io.Copy back.
package main

import (
	"flag"
	"io"
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
			io.Copy(c, c)
		}()
	}
}
