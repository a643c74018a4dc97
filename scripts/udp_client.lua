-- udp_client.lua: the course's UDP client (Client-UDP-Simple.py).
-- Each line you type goes out as ONE datagram with "\n" added; then it
-- waits for one datagram back and prints it. Unlike the original it gives
-- up after a timeout: UDP may lose the datagram. End with Ctrl-D.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/udp_client.lua [HOST:PORT] [--timeout SECONDS]
--   default 127.0.0.1:65431, timeout 2 s
local addr, timeout = "127.0.0.1:65431", 2
local i = 1
while arg[i] do
  if arg[i] == "--timeout" then i = i + 1; timeout = assert(tonumber(arg[i]), say("script.needs_seconds", "--timeout"))
  else addr = arg[i] end
  i = i + 1
end

local p = assert(net.udp())          -- no bind address: the kernel picks a port
while true do
  local line = input("> ")
  if not line then break end         -- end of input
  local sent, err = p:sendto(line .. "\n", addr)
  if not sent then error(say("script.udp.cannot_send", addr, err)) end
  print(say("script.udp.sent", line .. "\n"))
  local data, from = p:recvfrom(1024, timeout)
  if data then
    print(say("script.udp.received", data))
  else
    print(say("script.udp.no_reply", timeout, from))
  end
end
p:close()
