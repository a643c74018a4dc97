-- number_client.lua: the number client (GuilhermeFA00/sockets client.py).
-- Sends a random number from 1 to 1000 (or N) as 2 bytes, unsigned,
-- big-endian (7 -> 00 07), does one recv, prints the reply and closes.
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
  error(("cannot connect to %s: %s (is the server up? start it first: socklab scripts/number_server.lua %s)"):format(addr, err, addr))
end
local msg = bytes.pack(">I2", n)                   -- 2 bytes, big-endian
print(("sending %d as %s"):format(n, hex(msg)))
c:send(msg)
local reply, err = c:recv(1024)
c:close()
if reply then
  print(("reply: %s (%s) FIM"):format(reply, hex(reply)))
else
  print("no reply: " .. err .. " FIM")
end
