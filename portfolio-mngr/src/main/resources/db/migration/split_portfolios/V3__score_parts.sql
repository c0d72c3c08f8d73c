-- What each recommendation's score is made of, as final-sel reports it ([{"name", "score", "weight", "known"}]):
-- the page charts it. Null for the rows of runs that ended before it was reported.
ALTER TABLE recommendations ADD COLUMN score_parts JSON NULL;
