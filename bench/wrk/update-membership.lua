-- PUT /api/v1/membership/{id}/ with real Basic auth, rotating over memberships and bodies.
--
--   wrk ... -s bench/wrk/update-membership.lua URL -- IDS_FILE AUTHORIZATION
--
-- IDS_FILE holds one membership ID a line. Each request picks a random ID and one of six
-- bodies (three roles × two auto_record_calls values), so about five requests in six really
-- change the membership (a write and its event) rather than hitting the no-change path.

local bodies = {}
for _, role in ipairs({ "superuser", "user", "restricteduser" }) do
  for _, arc in ipairs({ "enabled", "disabled" }) do
    bodies[#bodies + 1] = '{"role_id":"' .. role .. '","auto_record_calls":"' .. arc .. '"}'
  end
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
  table.insert(threads, thread)
end

local ids = {}
local headers = {}

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open the membership IDs file")
  for line in file:lines() do
    if line ~= "" then ids[#ids + 1] = line end
  end
  file:close()
  assert(#ids > 0, "no membership IDs in " .. args[1])
  headers["Authorization"] = args[2]
  headers["Content-Type"] = "application/json"
  math.randomseed(os.time() * 1000 + (thread_number or 0))
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("PUT", "/api/v1/membership/" .. id .. "/", headers, bodies[math.random(#bodies)])
end

-- done() comes from report.lua, beside this script.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "report.lua")
