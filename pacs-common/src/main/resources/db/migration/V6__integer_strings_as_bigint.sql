-- Series Number and Instance Number are IS: up to 12 characters, so values up to +-99,999,999,999,
-- beyond a 32-bit INTEGER (an IS of 99999999999 used to be stored wrapped).
ALTER TABLE series ALTER COLUMN series_number TYPE BIGINT;
ALTER TABLE instance ALTER COLUMN instance_number TYPE BIGINT;
