-- udp_server.lua: the course's UDP server (Server-UDP-Simple.py).
-- Per datagram: reply ONE datagram to the sender with the data stripped
-- and ASCII upper-cased ("hello\n" -> "HELLO"; a bare "\n" gets an empty
-- datagram). It is not an echo: --echo makes it one.
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
  error(("cannot bind %s: %s (another server there? give another address: socklab scripts/udp_server.lua 127.0.0.1:PORT)"):format(addr, err))
end
local ip, port = p:localaddr()
print(("listening on %s:%d (udp)"):format(ip, port))

repeat
  local data, from = p:recvfrom(8192)            -- one datagram and its sender
  if not data then print("recvfrom failed: " .. from) break end
  local reply = echo and data or upper(strip(data))
  p:sendto(reply, from)                          -- one datagram back
  print(("datagram from %s: %q -> %q"):format(from, data, reply))
until once
p:close()
