-- audit.lua: audit(key, at, actor, action, subject, detail), for a script
-- whose write goes in the audit log in the same call: one entry of the
-- stream key, its fields as store.Entry reads them (the one other writer,
-- store.addAudit, writes a transaction's entry the same way).
local function audit(key, at, actor, action, subject, detail)
  redis.call('XADD', key, '*', 'at', at, 'actor', actor, 'action', action, 'subject', subject, 'detail', detail)
end
