-- multiclient.lua: the course's "multi-client" server (Server-TCP-Multicliente.py).
-- Per client: ONE recv, reply with the data stripped of surrounding
-- whitespace and upper-cased (ASCII letters only, as Python's bytes.upper),
-- then the SERVER closes first. Each client is logged with ip:port, so you
-- see every connection gets its own ephemeral client port.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/multiclient.lua [HOST:PORT] [--once]
--   default :65432
local addr, once = ":65432", false
for _, a in ipairs(arg) do
  if a == "--once" then once = true else addr = a end
end

local function strip(s)      -- ASCII whitespace only, like bytes.strip()
  return (s:gsub("^[ \t\n\r\v\f]+", ""):gsub("[ \t\n\r\v\f]+$", ""))
end
local function upper(s)      -- ASCII letters only; UTF-8 bytes stay as they are
  return (s:gsub("[a-z]", function(ch) return string.char(ch:byte() - 32) end))
end

local server, err = net.listen("tcp", addr)
if not server then
  error(say("script.cannot_listen", addr, err, "scripts/multiclient.lua"))
end
local ip, port = server:localaddr()
print(say("script.listening", ip, port))

local function serve(c)
  local cip, cport = c:remoteaddr()
  print(say("script.connection_from", c.id, cip, cport))
  local data = c:recv(1024)
  if data then
    local reply = upper(strip(data))
    c:send(reply)                              -- one write
    print(say("script.sent_replied", c.id, cip, cport, data, reply))
  end
  c:shutdown("write")                          -- FIN: the server closes first
  c:close()
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
