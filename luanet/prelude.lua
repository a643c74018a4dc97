-- luanet prelude: runs once in the root state, before the script.
-- P holds the Go primitives, T the tables of the API, MARK the scheduler's
-- yield marker.
-- (The stubs of the blocking calls come first: api.go writes them.)
local co_create, co_resume, co_status, co_yield = coroutine.create, coroutine.resume, coroutine.status, coroutine.yield
local select, type, error, getmetatable = select, type, error, getmetatable
local function pack(...) return {n = select("#", ...), ...} end

-- step drives coroutine co after a resume gave r, passing scheduler yields
-- (MARK) through to the scheduler and other yields to our own resumer.
-- An error is what P.caught makes of it (os.exit's goes on out).
local P_nest, P_caught = P.nest, P.caught
local function step(co, r, wrapped)
  while true do
    if not r[1] then return false, P_caught(co, r[2], wrapped) end
    if co_status(co) == "dead" then return unpack(r, 1, r.n) end
    if r[2] == MARK then
      local a, b = P.fwd()
      r = pack(co_resume(co, a, b))
    else
      r = pack(co_resume(co, co_yield(unpack(r, 2, r.n))))
    end
  end
end

-- The coroutines the script made (own) and, for pcall's, the coroutine
-- that ran the pcall: coroutine.yield outside the script's own raises a
-- catchable error at the script's line (yielding a task ended it).
local co_running = coroutine.running
local own = setmetatable({}, {__mode = "k"})
local inpcall = setmetatable({}, {__mode = "k"})
coroutine.yield = function(...)
  local c = co_running()
  while inpcall[c] do c = inpcall[c] end
  if not own[c] then P.yieldout() end
  return co_yield(...)
end
coroutine.create = function(f)
  local co = co_create(f)
  own[co] = true
  return co
end

-- pcall and xpcall built on coroutines, so that the protected function may
-- block (the stock pcall runs a nested VM loop that cannot yield).
function pcall(f, ...)
  local mt = getmetatable(f)
  if type(f) ~= "function" and not (type(mt) == "table" and mt.__call) then
    return false, "attempt to call a " .. type(f) .. " value" -- as the stock pcall says
  end
  local wrapped = type(f) ~= "function" or P.isgo(f)
  if wrapped then -- (called through a table: its errors then name it "?", as Lua's)
    local g = {f}
    f = function(...) local r = pack(g[1](...)) return unpack(r, 1, r.n) end
  end
  P_nest()
  local co = co_create(f)
  inpcall[co] = co_running()
  return step(co, pack(co_resume(co, ...)), wrapped)
end

function xpcall(f, handler, ...)
  local r = pack(pcall(f, ...))
  if r[1] then return unpack(r, 1, r.n) end
  return false, handler(r[2])
end

-- coroutine.resume and wrap pass a blocking call inside the script's own
-- coroutine through to the scheduler, and resume it with the answer.
-- A coroutine whose blocking call is being passed through (parked[co])
-- cannot be resumed from elsewhere: the call would return what that resume
-- passed, and the task that waits in it would find it dead.
local parked = setmetatable({}, {__mode = "k"})
local function resume(co, ...)
  if parked[co] then return false, P.coparked() end
  P_nest()
  local r = pack(co_resume(co, ...))
  while r[1] and r[2] == MARK and co_status(co) ~= "dead" do
    parked[co] = true
    local a, b = P.fwd()
    parked[co] = nil
    r = pack(co_resume(co, a, b))
  end
  if not r[1] then return false, P_caught(co, r[2]) end
  return unpack(r, 1, r.n)
end
coroutine.resume = resume
coroutine.wrap = function(f)
  local co = coroutine.create(f)
  return function(...)
    if parked[co] then P.coparked(true) end -- raises at the caller's line
    local r = pack(resume(co, ...))
    if not r[1] then error(r[2], 0) end -- the message has its position already
    return unpack(r, 2, r.n)
  end
end

-- io.read and io.stdin:read read the script's input as input() does,
-- without stopping the other tasks (the stock ones block the whole run);
-- io.stdin:lines, an iterator, cannot block and says so.
local P_ioread, stdin = P.ioread, io.stdin
local function ioread(...)
  local a, b = P_ioread(...)
  if b ~= nil then return a, b end -- nil, "too long" or "memory"
  return a
end
io.read = ioread
local fileM = getmetatable(stdin).__index
local f_read, f_lines = fileM.read, fileM.lines
fileM.read = function(self, ...)
  if self == stdin then return ioread(...) end
  return f_read(self, ...)
end
fileM.lines = function(self, ...)
  if self == stdin then return io.lines() end
  return f_lines(self, ...)
end

-- The trampoline every task starts in: it arms the traceback hook, then
-- calls the task's function (not as a tail call) and returns its results
-- (for t:join()). at, the spawn's "file:line:", positions an error raised
-- where the task's function left no frame (where, errors.go).
local function results(...) return ... end
return function(at, f, ...)
  P.arm()
  return results(f(...))
end
