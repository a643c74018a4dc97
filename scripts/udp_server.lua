-- udp_server.lua: the course's UDP server (Server-UDP-Simple.py).
-- Per datagram: reply ONE datagram to the sender with the data stripped
-- and ASCII upper-cased ("hello\n" -> "HELLO"; a bare "\n" gets an empty
-- datagram). It is not an echo: --echo makes it one.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/udp_server.lua [HOST:PORT] [--echo] [--once]
--   default :65431
local addr, echo, once = ":65431", false, false
for _, a in ipairs(arg) do
  if a == "--echo" then echo = true
  elseif a == "--once" then once = true
  else addr = a end
end

local function strip(s)
  return (s:gsub("^[ \t\n\r\v\f]+", ""):gsub("[ \t\n\r\v\f]+$", ""))
end
local function upper(s)
  return (s:gsub("[a-z]", function(ch) return string.char(ch:byte() - 32) end))
end

local p, err = net.udp(addr)                 -- socket(SOCK_DGRAM) + bind
if not p then
  error(say("script.cannot_bind", addr, err, "scripts/udp_server.lua"))
end
local ip, port = p:localaddr()
print(say("script.listening_udp", ip, port))

repeat
  local data, from = p:recvfrom(8192)            -- one datagram and its sender
  if not data then print(say("script.udp.recv_failed", from)) break end
  local reply = echo and data or upper(strip(data))
  p:sendto(reply, from)                          -- one datagram back
  print(say("script.udp.datagram", from, data, reply))
until once
p:close()
