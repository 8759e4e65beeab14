-- wrk script for bench/load.sh: rotates over the paths given after "--", each thread starting at its own place.
-- A path written with a leading "+" is sent with the Bearer token from MASTEN_BENCH_TOKEN (pages that need sign-in).
local counter = 0
local threads = 0

setup = function(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

init = function(args)
  paths = {}
  local token = os.getenv("MASTEN_BENCH_TOKEN")
  for i, a in ipairs(args) do
    if string.sub(a, 1, 1) == "+" then
      paths[i] = wrk.format("GET", string.sub(a, 2), { ["Authorization"] = "Bearer " .. (token or "") })
    else
      paths[i] = wrk.format("GET", a)
    end
  end
  counter = (offset or 0) * 7
end

request = function()
  counter = counter + 1
  return paths[(counter % #paths) + 1]
end

dofile(os.getenv("MASTEN_BENCH_DIR") .. "/report.lua")
