-- number_server.lua: the PAR / ÍMPAR server (GuilhermeFA00/sockets server.py).
-- One recv; ALL received bytes are one unsigned big-endian integer. Then:
--   fewer than 10 decimal digits -> "PAR" (even) or "ÍMPAR" (odd, UTF-8)
--   more than 10 digits          -> the number in ASCII decimal
--   exactly 10 digits            -> nothing
-- and the server closes the connection. Like the original it never tests
-- primality on the wire; --explain prints digits, even and prime here.
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
  error(("cannot listen on %s: %s (another server there? give another address: socklab scripts/number_server.lua 127.0.0.1:PORT)"):format(addr, err))
end
local ip, port = server:localaddr()
print(("listening on %s:%d"):format(ip, port))

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
    print(("[%d] %s:%d sent %s = %s: %d digits, reply %s"):format(
      c.id, cip, cport, hex(data), digits, count, reply and ("%q"):format(reply) or "nothing"))
    if explain then
      local prime = "too big to test here"
      if type(n) == "number" and n < 1e12 then prime = isprime(n) and "yes" or "no" end
      print(("    explain: %s has %d digits, even: %s, prime: %s"):format(
        digits, count, even and "yes" or "no", prime))
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
    print("accept failed: " .. err)
  end
until once or not c
server:close()
