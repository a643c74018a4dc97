-- fixed_reply.lua: the fixed-reply server of the 8888 exercise (server.py).
-- Every chunk a client sends is answered with exactly the 22 bytes
-- "SERVER OK - STATUS 200" (no newline): one reply per chunk received,
-- not per line. The connection ends when the client closes.
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
  error(("cannot listen on %s: %s (another server there? give another address: socklab scripts/fixed_reply.lua 127.0.0.1:PORT)"):format(addr, err))
end
local ip, port = server:localaddr()
print(("listening on %s:%d"):format(ip, port))

local function serve(c)
  local cip, cport = c:remoteaddr()
  print(("[%d] client %s:%d connected"):format(c.id, cip, cport))
  while true do
    local data = c:recv(1024)
    if not data then break end               -- the client closed
    print(("[%d] received %q"):format(c.id, data))
    c:send(REPLY)                            -- 22 bytes, one write
  end
  c:close()
  print(("[%d] client %s:%d closed"):format(c.id, cip, cport))
end

repeat
  local c, err = server:accept()
  if c then
    if once then serve(c) else spawn(serve, c) end
  else
    print("accept failed: " .. err)
  end
until once or not c
server:close()
