-- SQLite's step 016 on the office server: a dossier's status is one of the lifecycle's states
-- and an event's type one of its event kinds (shared/lifecycle, decision 0026). PostgreSQL adds
-- a CHECK in place, so nothing is rebuilt; rows already there are checked as it is added.
CREATE INDEX intake_requests_by_dossier ON intake_requests(dossier_id);

ALTER TABLE dossiers ADD CONSTRAINT dossiers_status_check CHECK (status IN ('draft', 'guided-not-accepted', 'accepted-at-post', 'voided',
  'in-batch', 'handed-over', 'received-by-agency', 'refused', 'supplement-requested', 'processing', 'result-ready',
  'result-at-post', 'out-for-delivery', 'delivered', 'delivery-failed', 'returned-to-agency', 'withdrawn', 'stopped'));

ALTER TABLE dossier_events ADD CONSTRAINT dossier_events_type_check CHECK (type IN ('accepted', 'guided', 'voided', 'corrected', 'batched', 'unbatched',
  'handed-over', 'received-by-agency', 'refused', 'supplement-requested', 'processing', 'result-ready', 'result-at-post',
  'out-for-delivery', 'delivery-failed', 'delivered', 'returned-to-agency', 'withdrawn', 'stopped'));
