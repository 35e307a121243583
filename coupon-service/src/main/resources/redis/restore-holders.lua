-- Puts holders back that PostgreSQL knows and Redis lost; never overwrites an admission time.
-- KEYS[1] coupon:{id}:holders   ARGV: userId1, admittedAt1, userId2, admittedAt2, ..., expireAt (last)
-- Returns how many holders were added.
local added = 0
for i = 1, #ARGV - 1, 2 do
    added = added + redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
end
if redis.call('EXISTS', KEYS[1]) == 1 then
    redis.call('PEXPIREAT', KEYS[1], ARGV[#ARGV])
end
return added
