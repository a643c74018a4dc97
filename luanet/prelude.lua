-- luanet prelude: runs once in the root state, before the script.
-- P holds the Go primitives, M the socket methods, MARK the scheduler's
-- yield marker. See lua-scheduler.md for the why of each trick below.
local P, M, NET, MARK = ...
local co_create, co_resume, co_status, co_yield = coroutine.create, coroutine.resume, coroutine.status, coroutine.yield
local unpack, select, type, error, getmetatable = unpack, select, type, error, getmetatable
local function pack(...) return {n = select("#", ...), ...} end

-- Blocking calls: fixed arity (two results) and never a tail call, so a
-- resume always fills exactly the registers the call site expects. The
-- primitives are upvalues, so a call looks up no table field for them.
local P_accept = P.accept
local P_connect = P.connect
local P_input = P.input
local P_recv = P.recv
local P_recvall = P.recvall
local P_recvfrom = P.recvfrom
local P_recvline = P.recvline
local P_recvuntil = P.recvuntil
local P_sconnect = P.sconnect
local P_send = P.send
local P_sendline = P.sendline
local P_sendto = P.sendto
local P_shutdown = P.shutdown
local P_sleep = P.sleep
function M.accept(self, t) local a, b = P_accept(self, t) if b == nil then return a end return a, b end
function M.send(self, d) local a, b = P_send(self, d) if b == nil then return a end return a, b end
function M.sendline(self, d) local a, b = P_sendline(self, d) if b == nil then return a end return a, b end
function M.recv(self, n, t) local a, b = P_recv(self, n, t) if b == nil then return a end return a, b end
function M.recvline(self, t) local a, b = P_recvline(self, t) if b == nil then return a end return a, b end
function M.recvuntil(self, d, t) local a, b = P_recvuntil(self, d, t) if b == nil then return a end return a, b end
function M.recvall(self, t) local a, b = P_recvall(self, t) if b == nil then return a end return a, b end
function M.sendto(self, d, addr) local a, b = P_sendto(self, d, addr) if b == nil then return a end return a, b end
function M.recvfrom(self, n, t) local a, b = P_recvfrom(self, n, t) if b == nil then return a end return a, b end
function M.shutdown(self, how) local a, b = P_shutdown(self, how) if b == nil then return a end return a, b end
function M.connect(self, addr, t) local a, b = P_sconnect(self, addr, t) if b == nil then return a end return a, b end
function NET.connect(addr, o) local a, b = P_connect(addr, o) if b == nil then return a end return a, b end
function sleep(s) local a, b = P_sleep(s) end
function input(prompt) local a, b = P_input(prompt) if b == nil then return a end return a, b end

-- step drives coroutine co after a resume gave r, passing scheduler yields
-- (MARK) through to the scheduler and other yields to our own resumer.
local function step(co, r)
  while true do
    if not r[1] then return false, r[2] end
    if co_status(co) == "dead" then return unpack(r, 1, r.n) end
    if r[2] == MARK then
      local a, b = P.fwd()
      r = pack(co_resume(co, a, b))
    else
      r = pack(co_resume(co, co_yield(unpack(r, 2, r.n))))
    end
  end
end

-- pcall and xpcall built on coroutines, so that the protected function may
-- block (the stock pcall runs a nested VM loop that cannot yield).
function pcall(f, ...)
  local mt = getmetatable(f)
  if type(f) ~= "function" and not (type(mt) == "table" and mt.__call) then
    return false, "attempt to call a " .. type(f) .. " value" -- as the stock pcall says
  end
  if type(f) ~= "function" or P.isgo(f) then
    local g = f
    f = function(...) local r = pack(g(...)) return unpack(r, 1, r.n) end
  end
  local co = co_create(f)
  return step(co, pack(co_resume(co, ...)))
end

function xpcall(f, handler, ...)
  local r = pack(pcall(f, ...))
  if r[1] then return unpack(r, 1, r.n) end
  return false, handler(r[2])
end

-- coroutine.resume and wrap pass a blocking call inside the script's own
-- coroutine through to the scheduler, and resume it with the answer.
local function resume(co, ...)
  local r = pack(co_resume(co, ...))
  while r[1] and r[2] == MARK and co_status(co) ~= "dead" do
    local a, b = P.fwd()
    r = pack(co_resume(co, a, b))
  end
  return unpack(r, 1, r.n)
end
coroutine.resume = resume
coroutine.wrap = function(f)
  local co = co_create(f)
  return function(...)
    local r = pack(resume(co, ...))
    if not r[1] then error(r[2], 0) end -- the message has its position already
    return unpack(r, 2, r.n)
  end
end

-- The trampoline every task starts in: it arms the traceback hook, then
-- calls the task's function (not as a tail call).
return function(f, ...)
  P.arm()
  f(...)
end
