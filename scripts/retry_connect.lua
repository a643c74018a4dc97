-- retry_connect.lua: the retrying client of the 8888 exercise (client.py).
-- It tries to connect with a FRESH socket every 2 seconds until the server
-- is up, then sends "Testando conexão" (17 bytes of UTF-8), does one recv,
-- prints the reply and closes.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/retry_connect.lua [HOST:PORT] [--interval SECONDS] [--tries N]
--   default 127.0.0.1:8888, every 2 s, for ever.
local addr, interval, tries = "127.0.0.1:8888", 2, 0
local i = 1
while arg[i] do
  if arg[i] == "--interval" then i = i + 1; interval = assert(tonumber(arg[i]), say("script.needs_seconds", "--interval"))
  elseif arg[i] == "--tries" then i = i + 1; tries = assert(tonumber(arg[i]), say("script.needs_number", "--tries"))
  else addr = arg[i] end
  i = i + 1
end

local c, err
local attempt = 0
while true do
  attempt = attempt + 1
  c, err = net.connect(addr)           -- each attempt is a new socket
  if c then break end
  print(say("script.retry.attempt", attempt, addr, err))
  if tries > 0 and attempt >= tries then error(say("script.retry.giving_up", attempt)) end
  print(say("script.retry.again", interval))
  sleep(interval)
end

print(say("script.retry.connected", addr, attempt))
c:send("Testando conexão")             -- 17 bytes: "ã" is 2 bytes in UTF-8
local reply, err = c:recv(1024)
print(reply and say("script.reply", reply) or say("script.no_reply", err))
c:close()
