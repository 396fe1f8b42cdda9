-- A request per call from environment settings: BENCH_METHOD, BENCH_PATH, BENCH_HEADER (one
-- "Name: value" or empty), BENCH_BODY (a JSON template; {user} becomes a new end user id per request).
local method = os.getenv('BENCH_METHOD') or 'GET'
local path = os.getenv('BENCH_PATH') or '/healthz'
local body = os.getenv('BENCH_BODY') or ''
local extra = os.getenv('BENCH_HEADER') or ''
local headers = {}
if body ~= '' then headers['Content-Type'] = 'application/json' end
local name, value = string.match(extra, '^([^:]+):%s*(.*)$')
if name then headers[name] = value end
local counter = 0
local prefix = tostring(math.random(1, 1e9))

function setup(thread)
  counter = counter + 1
  thread:set('id', counter)
end

function init(args)
  prefix = prefix .. '-' .. tostring(id or 0) .. '-' .. tostring(math.random(1, 1e9))
end

local n = 0
function request()
  if body == '' then return wrk.format(method, path, headers, nil) end
  n = n + 1
  return wrk.format(method, path, headers, (string.gsub(body, '{user}', 'bench-' .. prefix .. '-' .. n)))
end

dofile(os.getenv('BENCH_REPORT_LUA'))
