-- number_server.lua: the PAR / ÍMPAR server (GuilhermeFA00/sockets server.py).
-- One recv; ALL received bytes are one unsigned big-endian integer. Then:
--   fewer than 10 decimal digits -> "PAR" (even) or "ÍMPAR" (odd, UTF-8)
--   more than 10 digits          -> the number in ASCII decimal
--   exactly 10 digits            -> nothing
-- and the server closes the connection. Like the original it never tests
-- primality on the wire; --explain prints digits, even and prime here.
--
-- Its lines are said with say() (socklab's catalog, words/scripts.go):
-- in English, or in Portuguese with --lang pt.
--
--   socklab scripts/number_server.lua [HOST:PORT] [--once] [--explain]
--   default 127.0.0.1:65432
local addr, once, explain = "127.0.0.1:65432", false, false
for _, a in ipairs(arg) do
  if a == "--once" then once = true
  elseif a == "--explain" then explain = true
  else addr = a end
end

local function isprime(n)    -- trial division; n is a Lua number here
  if n < 2 then return false end
  if n % 2 == 0 then return n == 2 end
  local d = 3
  while d * d <= n do
    if n % d == 0 then return false end
    d = d + 2
  end
  return true
end

local server, err = net.listen("tcp", addr)
if not server then
  error(say("script.cannot_listen", addr, err, "scripts/number_server.lua"))
end
local ip, port = server:localaddr()
print(say("script.listening", ip, port))

local function serve(c)
  local cip, cport = c:remoteaddr()
  local data = c:recv(1024)
  if data then
    -- ">I"..#data: one unsigned big-endian integer as wide as the message.
    -- Above 2^53 bytes.unpack gives a string of digits (exact).
    local n = bytes.unpack(">I" .. #data, data)
    local digits = tostring(n)
    local count = digits == "0" and 0 or #digits   -- as the original's /10 loop
    local even = tonumber(digits:sub(-1)) % 2 == 0
    local reply
    if count < 10 then reply = even and "PAR" or "ÍMPAR"
    elseif count > 10 then reply = digits
    else reply = nil end                            -- exactly 10: no answer
    if reply then
      print(say("script.number.sent", c.id, cip, cport, hex(data), digits, count, reply))
    else
      print(say("script.number.sent_nothing", c.id, cip, cport, hex(data), digits, count))
    end
    if explain then
      local prime = say("script.number.too_big")
      if type(n) == "number" and n < 1e12 then prime = isprime(n) and say("script.yes") or say("script.no") end
      print(say("script.number.explain", digits, count, even and say("script.yes") or say("script.no"), prime))
    end
    if reply then c:send(reply) end                 -- one write
  end
  c:close()                                         -- the server closes first
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
