-- echo_client.lua: the course's simple TCP client (Client-TCP-Simple.py).
-- Connects, sends "Hello, world" (12 bytes, no newline), does ONE recv,
-- prints it and closes.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/echo_client.lua [HOST:PORT] [MESSAGE]
--   default 127.0.0.1:65432
local addr, msg = "127.0.0.1:65432", "Hello, world"
if arg[1] then addr = arg[1] end
if arg[2] then msg = arg[2] end

local c, err = net.connect(addr)
if not c then
  error(say("script.cannot_connect", addr, err, "scripts/echo.lua"))
end
local lip, lport = c:localaddr()
print(say("script.connected_from", lip, lport, addr))
c:send(msg)                          -- all bytes, one write
local data, err = c:recv(1024)       -- one recv: whatever the server sent back
c:close()                            -- the client closes first (TIME_WAIT is here)
if data then
  print(say("script.reply_received", data))
else
  print(say("script.no_reply", err))
end
