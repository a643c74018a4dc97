-- fixed_reply.lua: the fixed-reply server of the 8888 exercise (server.py).
-- Every chunk a client sends is answered with exactly the 22 bytes
-- "SERVER OK - STATUS 200" (no newline): one reply per chunk received,
-- not per line. The connection ends when the client closes.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/fixed_reply.lua [HOST:PORT] [--once]
--   default :8888 (all interfaces); --once serves one client and exits.
local addr, once = ":8888", false
for _, a in ipairs(arg) do
  if a == "--once" then once = true else addr = a end
end
local REPLY = "SERVER OK - STATUS 200"

local server, err = net.listen("tcp", addr)
if not server then
  error(say("script.cannot_listen", addr, err, "scripts/fixed_reply.lua"))
end
local ip, port = server:localaddr()
print(say("script.listening", ip, port))

local function serve(c)
  local cip, cport = c:remoteaddr()
  print(say("script.client_connected", c.id, cip, cport))
  while true do
    local data = c:recv(1024)
    if not data then break end               -- the client closed
    print(say("script.received", c.id, data))
    c:send(REPLY)                            -- 22 bytes, one write
  end
  c:close()
  print(say("script.client_closed", c.id, cip, cport))
end

repeat
  local c, err = server:accept()
  if c then
    if once then serve(c) else spawn(serve, c) end
  else
    print(say("script.accept_failed", err))
  end
until once or not c
server:close()
