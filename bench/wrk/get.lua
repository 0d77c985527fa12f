-- GET one path with real Basic auth (the read case: GET /api/v1/organization/{id}/).
--
--   wrk ... -s bench/wrk/get.lua URL -- PATH AUTHORIZATION

local path
local headers = {}

function init(args)
  path = args[1]
  headers["Authorization"] = args[2]
end

function request()
  return wrk.format("GET", path, headers)
end

-- done() comes from report.lua, beside this script.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")
