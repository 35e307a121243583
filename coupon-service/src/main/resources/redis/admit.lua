-- One atomic admission decision for one user and one coupon.
-- KEYS[1] coupon:{id}:quantity   KEYS[2] coupon:{id}:holders (userId -> admitted at, epoch millis)
-- ARGV[1] userId   ARGV[2] admitted at (epoch millis)   ARGV[3] when the keys may expire (epoch millis)
-- Returns 1 ADMITTED, 0 DUPLICATE, -1 SOLD_OUT, -2 UNKNOWN (no quantity: not seeded, or Redis lost it).
local quantity = redis.call('GET', KEYS[1])
if not quantity then
    return -2
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
    return 0
end
local holders = redis.call('HLEN', KEYS[2])
if holders >= tonumber(quantity) then
    return -1
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if holders == 0 then
    redis.call('PEXPIREAT', KEYS[2], ARGV[3])
end
return 1
