-- echo.lua: a TCP echo server (the course's 3a exercise, and the 61840 one).
-- Every chunk a client sends comes back unchanged, in one write, until the
-- client closes. Many clients are served at once: each gets its own
-- spawned function, while the main loop goes back to accept.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/echo.lua [HOST:PORT] [--once] [--quiet]
--   default 127.0.0.1:65432; --once serves one client and exits, like the
--   original Server-TCP-simple.py; --quiet does not print the data.
local addr, once, quiet = "127.0.0.1:65432", false, false
for _, a in ipairs(arg) do
  if a == "--once" then once = true
  elseif a == "--quiet" then quiet = true
  else addr = a end
end

local server, err = net.listen("tcp", addr)   -- socket + bind + listen
if not server then
  error(say("script.cannot_listen", addr, err, "scripts/echo.lua"))
end
local ip, port = server:localaddr()
print(say("script.listening", ip, port))

local function serve(c)
  local cip, cport = c:remoteaddr()               -- each client has its own port
  print(say("script.client_connected", c.id, cip, cport))
  while true do
    local data = c:recv(1024)                     -- one chunk, as Python's recv(1024)
    if not data then break end                    -- nil, "closed": the client closed
    if not quiet then print(say("script.received", c.id, data)) end
    c:send(data)                                  -- the same bytes back, one write
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
