-- 0004: a run in state loading says who is loading it (loader: host,
-- boot id, user id, process id and start time) and when it last wrote a batch
-- (heartbeat), so that a run whose loader was killed (-9) is found and
-- deleted (SweepLoading). Older rows have both NULL.

ALTER TABLE runs ADD COLUMN loader TEXT;
ALTER TABLE runs ADD COLUMN heartbeat {{time}};
