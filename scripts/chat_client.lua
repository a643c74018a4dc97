-- chat_client.lua: the interactive client of the 61840 exercise (cliente.py).
-- Each line you type is sent WITHOUT a newline; one recv; the reply is
-- printed. Typing "sair" (any case) ends the session and is not sent.
-- Empty lines are skipped: they would send nothing, and the recv would
-- then wait for ever.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/chat_client.lua [HOST:PORT]
--   default 127.0.0.1:61840; run scripts/echo.lua 127.0.0.1:61840 as server
local addr = arg[1] or "127.0.0.1:61840"

local c, err = net.connect(addr)
if not c then
  error(say("script.cannot_connect", addr, err, "scripts/echo.lua"))
end
print(say("script.chat.connected", addr))
while true do
  local line = input("> ")
  if not line or line:lower() == "sair" then break end
  if line == "" then
    print(say("script.chat.empty"))
  else
    c:send(line)                       -- no newline, as the original
    local reply, err = c:recv(1024)
    if not reply then print(say("script.chat.server", err)) break end
    print(reply)
  end
end
c:close()
print(say("script.chat.bye"))
