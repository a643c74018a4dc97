-- retry_connect.lua: the retrying client of the 8888 exercise (client.py).
-- It tries to connect with a FRESH socket every 2 seconds until the server
-- is up, then sends "Testando conexão" (17 bytes of UTF-8), does one recv,
-- prints the reply and closes.
--
--   socklab scripts/retry_connect.lua [HOST:PORT] [--interval SECONDS] [--tries N]
--   default 127.0.0.1:8888, every 2 s, for ever.
local addr, interval, tries = "127.0.0.1:8888", 2, 0
local i = 1
while arg[i] do
  if arg[i] == "--interval" then i = i + 1; interval = assert(tonumber(arg[i]), "--interval needs seconds")
  elseif arg[i] == "--tries" then i = i + 1; tries = assert(tonumber(arg[i]), "--tries needs a number")
  else addr = arg[i] end
  i = i + 1
end

local c, err
local attempt = 0
while true do
  attempt = attempt + 1
  c, err = net.connect(addr)           -- each attempt is a new socket
  if c then break end
  print(("attempt %d: no answer from %s (%s)"):format(attempt, addr, err))
  if tries > 0 and attempt >= tries then error("giving up after " .. attempt .. " attempts") end
  print(("trying again in %g s"):format(interval))
  sleep(interval)
end

print(("connected to %s after %d attempt(s)"):format(addr, attempt))
c:send("Testando conexão")             -- 17 bytes: "ã" is 2 bytes in UTF-8
local reply, err = c:recv(1024)
print(reply and ("reply: " .. reply) or ("no reply: " .. err))
c:close()
