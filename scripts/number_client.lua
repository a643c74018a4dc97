-- number_client.lua: the number client (GuilhermeFA00/sockets client.py).
-- Sends a random number from 1 to 1000 (or N) as 2 bytes, unsigned,
-- big-endian (7 -> 00 07), does one recv, prints the reply and closes.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/number_client.lua [HOST:PORT] [N]
--   default 127.0.0.1:65432
local addr, n = "127.0.0.1:65432", nil
for _, a in ipairs(arg) do
  if a:find(":") then addr = a else n = tonumber(a) end
end
if not n then
  math.randomseed(os.time())
  n = math.random(1, 1000)
end

local c, err = net.connect(addr)
if not c then
  error(say("script.cannot_connect", addr, err, "scripts/number_server.lua"))
end
local msg = bytes.pack(">I2", n)                   -- 2 bytes, big-endian
print(say("script.number.sending", n, hex(msg)))
c:send(msg)
local reply, err = c:recv(1024)
c:close()
if reply then
  print(say("script.number.reply", reply, hex(reply)))
else
  print(say("script.number.no_reply", err))
end
